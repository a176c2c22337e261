package dev.rosetta.exercises.joblib;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Classic mistake: items dealt out like cards, item i to batch {@code i % batches}. BROKEN: the
 * batches have the right sizes, but each holds items from all over the input, so putting the
 * batches' results one after another scrambles the order (0, 3, 6, 9, 1, 4, ...).
 */
public class BatchMap {

    public static <T, R> List<R> map(ExecutorService executor, List<T> items, int batchSize, Function<T, R> function)
            throws InterruptedException, ExecutionException {
        int count = (items.size() + batchSize - 1) / batchSize;
        var dealt = new ArrayList<List<T>>();
        for (int b = 0; b < count; b++) {
            dealt.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            dealt.get(i % count).add(items.get(i));
        }
        var batches = new ArrayList<Future<List<R>>>();
        for (List<T> batch : dealt) {
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
