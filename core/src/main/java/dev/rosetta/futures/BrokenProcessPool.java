package dev.rosetta.futures;

import java.io.Serial;

/**
 * Python's {@code concurrent.futures.process.BrokenProcessPool}: a worker process of a
 * {@link ProcessPoolExecutor} ended abruptly (killed, crashed, out of memory). As in Python the
 * whole executor is then broken: the task the worker held, every task still pending and every
 * later submit fail with this error. The cause, a
 * {@link dev.rosetta.multiprocessing.BrokenWorkerError}, names the worker and how it ended.
 *
 * <p>(The multiprocessing {@code Pool} under it would have replaced the worker and gone on; the
 * executor keeps Python's stricter contract, so that code ported from Python sees what it expects.)
 */
public final class BrokenProcessPool extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean inTheDeadWorker;

    /** The error, with the worker's death as its cause. */
    public BrokenProcessPool(String message, Throwable cause) {
        this(message, cause, false);
    }

    private BrokenProcessPool(String message, Throwable cause, boolean inTheDeadWorker) {
        super(message, cause);
        this.inTheDeadWorker = inTheDeadWorker;
    }

    /** The same error, for the one task the dead worker was running. */
    BrokenProcessPool forTheTaskItHeld() {
        return new BrokenProcessPool(getMessage(), getCause(), true);
    }

    /**
     * True for the future whose task was running in the worker that died — the likely culprit;
     * false for the futures that were pending, or submitted later, and fail only because the
     * executor broke. (Python's message is the same for both; this tells them apart.)
     */
    public boolean wasInTheDeadWorker() {
        return inTheDeadWorker;
    }
}
