package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Classic mistake: the results gathered as the tasks finish, through a completion service.
 * BROKEN: the results come out in the order the partitions <i>finished</i>, so the value of
 * partition 3 may sit at index 0 — a frame whose partitions were shuffled by the scheduler.
 */
public class MapPartitions {

    public static <T, R> List<R> mapPartitions(ExecutorService pool, List<List<T>> partitions, Function<List<T>, R> function)
            throws InterruptedException, ExecutionException {
        var done = new ExecutorCompletionService<R>(pool);
        for (List<T> partition : partitions) {
            done.submit(() -> function.apply(partition));
        }
        var results = new ArrayList<R>(partitions.size());
        for (int i = 0; i < partitions.size(); i++) {
            results.add(done.take().get());
        }
        return results;
    }
}
