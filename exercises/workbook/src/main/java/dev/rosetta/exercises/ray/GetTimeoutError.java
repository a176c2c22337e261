package dev.rosetta.exercises.ray;

/**
 * Ray's {@code GetTimeoutError}: {@code ray.get(refs, timeout=...)} gave up before every ref was
 * ready. You do not edit it.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class GetTimeoutError extends RuntimeException {
    /** {@code ready} of {@code total} refs were ready when the timeout passed. */
    public GetTimeoutError(int ready, int total) {
        super("get timed out: " + ready + " of " + total + " refs were ready");
    }
}
