package dev.rosetta.ray;

import java.io.Serial;

/**
 * Ray's {@code GetTimeoutError}: {@link Ray#get(java.util.List, java.time.Duration)} waited its
 * timeout and not every value was ready. The message says how many were; {@link Ray#wait} takes
 * the ready ones without failing.
 */
public final class GetTimeoutError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int ready;
    private final int total;

    GetTimeoutError(int ready, int total, java.time.Duration timeout) {
        super("ray.get timed out after " + timeout.toMillis() + " ms: " + ready + " of " + total
                + " objects were ready. Use ray.wait(refs, numReturns, timeout) to take those that are"
                + " ready and keep waiting for the rest, or give get a longer timeout.");
        this.ready = ready;
        this.total = total;
    }

    /** How many of the objects were ready when the time ran out. */
    public int ready() {
        return ready;
    }

    /** How many objects get waited for. */
    public int total() {
        return total;
    }
}
