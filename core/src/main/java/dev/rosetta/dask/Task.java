package dev.rosetta.dask;

import java.io.Serializable;
import java.util.List;

/**
 * One node of a {@link TaskGraph}: dask's {@code key: (function, *dependencies)} entry. The
 * function gets the values of its dependencies, in order, and returns this task's value.
 *
 * <p>Thread-safety: immutable; it pickles when its function does, so the process scheduler (and a
 * distributed one) can send it to a worker.
 *
 * @param key          unique in its graph, e.g. {@code ('filter-3f2a9c01', 4)}
 * @param dependencies the keys whose values this task needs, in the order the function takes them
 * @param function     what the task computes
 * @param label        what kind of task it is, for drawing ({@code read-csv}, {@code filter}, …)
 */
public record Task(String key, List<String> dependencies, Function function, String label) implements Serializable {
    /** Copies the dependencies. */
    public Task {
        dependencies = List.copyOf(dependencies);
    }

    /**
     * What a task runs: its dependencies' values in, its value out. Serializable, so that a task can
     * be pickled to another process; a lambda assigned to this type is.
     */
    @FunctionalInterface
    public interface Function extends Serializable {
        /** Computes the task's value from its dependencies' values; never returns null. */
        Object call(List<Object> inputs) throws Exception;
    }
}
