package dev.rosetta.exercises.joblib;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Classic mistake: results gathered as the batches finish. BROKEN: it is quick to write with a
 * completion service, and right whenever the batches happen to finish in order — in a test on
 * an idle machine, say — but joblib's {@code return_as="list"} promises the order of the input:
 * a batch that finishes early lands its results in another batch's place.
 */
public class BatchMap {

    public static <T, R> List<R> map(ExecutorService executor, List<T> items, int batchSize, Function<T, R> function)
            throws InterruptedException, ExecutionException {
        var done = new ExecutorCompletionService<List<R>>(executor);
        int batches = 0;
        for (int first = 0; first < items.size(); first += batchSize) {
            List<T> batch = items.subList(first, Math.min(first + batchSize, items.size()));
            done.submit(() -> batch.stream().map(function).toList());
            batches++;
        }
        var results = new ArrayList<R>(items.size());
        for (int i = 0; i < batches; i++) {
            results.addAll(done.take().get()); // BAD: the order they finish in
        }
        return results;
    }
}
