package dev.rosetta.exercises.joblib;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reference solution of {@code joblib/ordered-batches}: every batch is submitted first, so they
 * all run at once; then the futures are read in the order they were made — which is the order of
 * the batches, so of the items — not in the order they finish. A future read early just waits.
 */
public class BatchMap {

    public static <T, R> List<R> map(ExecutorService executor, List<T> items, int batchSize, Function<T, R> function)
            throws InterruptedException, ExecutionException {
        var batches = new ArrayList<Future<List<R>>>();
        for (int first = 0; first < items.size(); first += batchSize) {
            List<T> batch = items.subList(first, Math.min(first + batchSize, items.size()));
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
