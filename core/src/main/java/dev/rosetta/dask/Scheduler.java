package dev.rosetta.dask;

import java.util.List;

/**
 * What runs a task graph: dask's scheduler {@code get(dsk, keys)} function. dask has four —
 * synchronous, threads, processes ({@link LocalScheduler}) and distributed — and a collection's
 * {@code compute(scheduler=...)} picks one; the graph is the same for all of them.
 *
 * <p><b>Writing one.</b> {@link #get} receives a graph that is already culled to what
 * {@code keys} need and fused. Run a task once all its dependencies have values, by calling
 * {@code task.function().call(values of task.dependencies())} — or {@link #run(Task, List)}, which
 * also records a trace span. Report each task to the callback ({@code pretask} before,
 * {@code posttask} after), drop a value once every task that needs it is done and it is not one of
 * {@code keys}, and fail with the first task's exception. {@link TaskGraph#order} and
 * {@link TaskGraph#dependents} give the priorities and the users of each key. A scheduler in another
 * module (on a cluster) implements this interface and is passed to {@code compute}.
 *
 * <p>Thread-safety: an implementation says; the ones here run one {@code get} at a time each.
 */
public interface Scheduler extends AutoCloseable {
    /**
     * Runs what {@code keys} need and returns their values, in the order of {@code keys}.
     *
     * @param graph    culled and fused; every key of {@code keys} is in it
     * @param keys     the values wanted
     * @param callback told about the run (a {@link ProgressBar}, say); {@link Callback#NONE} for nothing
     * @throws RuntimeException the first failing task's exception (wrapped when it is a checked one)
     */
    List<Object> get(TaskGraph graph, List<String> keys, Callback callback);

    /** A short name: {@code synchronous}, {@code threads}, {@code processes}, … */
    String name();

    /** Stops this scheduler's workers, if it has any. */
    @Override
    default void close() {
    }

    /**
     * Runs one task in this thread, inside a trace span named by its key when a
     * {@link dev.rosetta.trace.Tracer} is recording.
     */
    static Object run(Task task, List<Object> inputs) throws Exception {
        return LocalScheduler.runTask(task, inputs);
    }

    /**
     * Told what a scheduler does, from the thread that runs its loop: dask's
     * {@code dask.callbacks.Callback} ({@code _start}, {@code _pretask}, {@code _posttask}, {@code _finish}).
     * Keep the methods short: the scheduler waits for them.
     */
    interface Callback {
        /** A callback that does nothing. */
        Callback NONE = new Callback() {
        };

        /** The run begins with {@code tasks} tasks. */
        default void start(TaskGraph graph, int tasks) {
        }

        /** Task {@code key} is about to be sent to a worker. */
        default void pretask(String key) {
        }

        /** Task {@code key} finished; {@code done} of {@code total} have. */
        default void posttask(String key, int done, int total) {
        }

        /** The run ended, with a failure or not. */
        default void finish(boolean failed) {
        }
    }
}
