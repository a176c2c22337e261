package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Classic mistake: each partition's task submitted and waited for before the next. BROKEN: the
 * answer is right, but only one partition is ever running: the synchronous scheduler with a
 * thread pool's costs.
 */
public class MapPartitions {

    public static <T, R> List<R> mapPartitions(ExecutorService pool, List<List<T>> partitions, Function<List<T>, R> function)
            throws InterruptedException, ExecutionException {
        var results = new ArrayList<R>(partitions.size());
        for (List<T> partition : partitions) {
            results.add(pool.submit(() -> function.apply(partition)).get());
        }
        return results;
    }
}
