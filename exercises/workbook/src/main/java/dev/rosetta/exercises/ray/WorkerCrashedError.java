package dev.rosetta.exercises.ray;

/**
 * Ray's {@code WorkerCrashedError}: the worker process running the task died under it (killed,
 * out of memory). The task may well be fine, and another worker may finish it. In a
 * {@link MiniCluster} a task "dies" by throwing this error. You do not edit it.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class WorkerCrashedError extends RuntimeException {
    /** The worker running {@code task} died. */
    public WorkerCrashedError(String task) {
        super("the worker running " + task + " died");
    }
}
