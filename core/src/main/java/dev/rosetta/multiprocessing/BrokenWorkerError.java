package dev.rosetta.multiprocessing;

import java.io.Serial;

/**
 * A worker process died while it held a task (killed, crashed, ran out of memory): the task's
 * result is lost. Python's {@code concurrent.futures.process.BrokenProcessPool}; Python's own
 * {@code Pool} hangs forever in this case instead (cpython#96062). The pool has already started
 * a replacement, and the other tasks go on.
 */
public final class BrokenWorkerError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error naming the worker, how it ended and what it held. */
    public BrokenWorkerError(String message) {
        super(message);
    }
}
