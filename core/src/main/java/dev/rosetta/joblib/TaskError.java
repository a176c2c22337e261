package dev.rosetta.joblib;

import java.io.Serial;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A task of a {@link Parallel} call failed, or its worker died, or it ran out of time. joblib
 * re-raises the task's own exception in the caller; here it is this exception's
 * {@link #getCause() cause} (the original exception for threads; for worker processes the
 * worker's {@link dev.rosetta.multiprocessing.RemoteError}, whose trace is the worker's).
 *
 * <p>The first failure wins: dispatching stops, tasks not started are cancelled. Nothing that was
 * already computed is lost: {@link #completed()} holds every result that arrived, by task index.
 */
public final class TaskError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int index;
    private final transient SortedMap<Integer, Object> completed;

    TaskError(String message, int index, Map<Integer, ?> completed, Throwable cause) {
        super(message, cause);
        this.index = index;
        this.completed = new TreeMap<>(completed);
    }

    /** The index (in the input's order) of the task that failed, or -1 when it is not one task. */
    public int index() {
        return index;
    }

    /** The results that were computed before the failure stopped the call, by task index. */
    public SortedMap<Integer, Object> completed() {
        return completed;
    }
}
