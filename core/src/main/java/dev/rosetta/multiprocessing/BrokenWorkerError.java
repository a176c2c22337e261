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

    /** The process id of the worker that died; 0 when unknown. */
    private final long workerPid;

    /** An error naming the worker, how it ended and what it held. */
    public BrokenWorkerError(String message) {
        this(message, 0);
    }

    /** An error naming the worker, how it ended and what it held; {@code workerPid} is the dead process. */
    public BrokenWorkerError(String message, long workerPid) {
        super(message);
        this.workerPid = workerPid;
    }

    /**
     * The process id of the worker that died (0 when unknown): the tasks lost in one death share
     * it, so that a caller can count deaths rather than lost tasks (ray counts an actor's restarts so).
     */
    public long workerPid() {
        return workerPid;
    }
}
