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

    /** The error, with the worker's death as its cause. */
    public BrokenProcessPool(String message, Throwable cause) {
        super(message, cause);
    }
}
