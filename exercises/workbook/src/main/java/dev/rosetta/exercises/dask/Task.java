package dev.rosetta.exercises.dask;

import java.util.List;
import java.util.function.Function;

/**
 * One task of a graph in {@code dask/shared-subexpression}: a function of the values of other
 * keys — dask's tuple {@code (func, "x", "y")}, whose strings are keys whose values are passed
 * in. You do not edit it.
 *
 * @param function what the task computes, given the values of {@code inputs} in their order
 * @param inputs the keys whose values it takes, in order (the same key may appear twice)
 */
public record Task(Function<List<Object>, Object> function, List<String> inputs) {

    /** dask's {@code (function, *inputs)}. */
    public static Task of(Function<List<Object>, Object> function, String... inputs) {
        return new Task(function, List.of(inputs));
    }
}
