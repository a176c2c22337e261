package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reference solution of {@code dask/map-partitions}: one loop submits a task per partition (an
 * empty one included), a second reads the futures in the order they were made — the order of the
 * partitions — whatever order they finish in. A future read early just waits.
 */
public class MapPartitions {

    public static <T, R> List<R> mapPartitions(ExecutorService pool, List<List<T>> partitions, Function<List<T>, R> function)
            throws InterruptedException, ExecutionException {
        var tasks = new ArrayList<Future<R>>(partitions.size());
        for (List<T> partition : partitions) {
            tasks.add(pool.submit(() -> function.apply(partition)));
        }
        var results = new ArrayList<R>(partitions.size());
        for (Future<R> task : tasks) {
            results.add(task.get());
        }
        return results;
    }
}
