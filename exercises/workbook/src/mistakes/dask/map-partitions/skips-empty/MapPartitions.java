package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Classic mistake: empty partitions skipped, "there is nothing to do for them". BROKEN: the
 * result has fewer values than the frame has partitions, so {@code map_partitions(len)} loses the
 * zeros and every later result is paired with the wrong partition.
 */
public class MapPartitions {

    public static <T, R> List<R> mapPartitions(ExecutorService pool, List<List<T>> partitions, Function<List<T>, R> function)
            throws InterruptedException, ExecutionException {
        var tasks = new ArrayList<Future<R>>();
        for (List<T> partition : partitions) {
            if (!partition.isEmpty()) {
                tasks.add(pool.submit(() -> function.apply(partition)));
            }
        }
        var results = new ArrayList<R>(tasks.size());
        for (Future<R> task : tasks) {
            results.add(task.get());
        }
        return results;
    }
}
