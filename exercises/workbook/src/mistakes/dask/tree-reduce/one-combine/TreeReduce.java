package dev.rosetta.exercises.dask;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Classic mistake: no tree, one combine over every partial — a fan-in of however many partitions
 * there are. BROKEN: {@code split_every} bounds what one task holds in memory; a groupby over
 * 10,000 partitions would hand one task 10,000 partial tables (dask#8378's out-of-memory).
 */
public class TreeReduce {

    public static <T> T reduce(ExecutorService pool, List<T> partials, int splitEvery, Function<List<T>, T> combine)
            throws InterruptedException, ExecutionException {
        if (splitEvery < 2) {
            throw new IllegalArgumentException("split_every must be at least 2, was " + splitEvery);
        }
        if (partials.isEmpty()) {
            throw new IllegalArgumentException("reduce() of no partial results: a frame has at least one partition");
        }
        return pool.submit(() -> combine.apply(partials)).get();
    }
}
