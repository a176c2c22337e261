package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Classic mistake: the function applied while building the tasks, each task only handing back a
 * value already computed. BROKEN: every partition is processed in the caller's thread, one after
 * another; the pool runs nothing but returns — and a failure is thrown bare, not from a task.
 */
public class MapPartitions {

    public static <T, R> List<R> mapPartitions(ExecutorService pool, List<List<T>> partitions, Function<List<T>, R> function)
            throws InterruptedException, ExecutionException {
        var tasks = new ArrayList<Future<R>>(partitions.size());
        for (List<T> partition : partitions) {
            R result = function.apply(partition);
            tasks.add(pool.submit(() -> result));
        }
        var results = new ArrayList<R>(partitions.size());
        for (Future<R> task : tasks) {
            results.add(task.get());
        }
        return results;
    }
}
