package dev.rosetta.exercises.joblib;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Classic mistake: {@code items.size() / batchSize} batches. BROKEN: integer division rounds
 * down, so when the items do not divide evenly the last, partial batch is never sent and its
 * results are silently missing: 10 items in batches of 4 give 8 results.
 */
public class BatchMap {

    public static <T, R> List<R> map(ExecutorService executor, List<T> items, int batchSize, Function<T, R> function)
            throws InterruptedException, ExecutionException {
        var batches = new ArrayList<Future<List<R>>>();
        for (int b = 0; b < items.size() / batchSize; b++) {
            List<T> batch = items.subList(b * batchSize, (b + 1) * batchSize);
            Callable<List<R>> task = () -> batch.stream().map(function).toList();
            batches.add(executor.submit(task));
        }
        var results = new ArrayList<R>(items.size());
        for (Future<List<R>> batch : batches) {
            results.addAll(batch.get());
        }
        return results;
    }
}
