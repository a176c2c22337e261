package dev.rosetta.exercises.joblib;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Classic mistake: each batch submitted and waited for before the next. BROKEN: the results are
 * right and in order, but only one batch ever runs: a sequential loop with the cost of a pool on
 * top, however many workers the executor has.
 */
public class BatchMap {

    public static <T, R> List<R> map(ExecutorService executor, List<T> items, int batchSize, Function<T, R> function)
            throws InterruptedException, ExecutionException {
        var results = new ArrayList<R>(items.size());
        for (int first = 0; first < items.size(); first += batchSize) {
            List<T> batch = items.subList(first, Math.min(first + batchSize, items.size()));
            Callable<List<R>> task = () -> batch.stream().map(function).toList();
            results.addAll(executor.submit(task).get()); // BAD: waits before submitting the next
        }
        return results;
    }
}
