package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures;
import dev.rosetta.futures.Futures.ReturnWhen;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Classic mistake: an {@code ExecutorCompletionService}, results put back in place by index, and
 * at the first failure {@code cancel(true)} on every future. The order and the failure are right,
 * but BROKEN: {@code cancel(true)} on a {@code FutureTask} interrupts the tasks already running,
 * half-way through what they were doing (a file half written, a transaction half sent).
 * Cancellation must reach what has not started, and nothing more: {@code cancel(false)}.
 */
public class FailFast {
    public static <T> List<T> runAll(ExecutorService executor, List<Callable<T>> tasks) throws InterruptedException, ExecutionException {
        var cs = new ExecutorCompletionService<T>(executor);
        Map<Future<T>, Integer> index = new HashMap<>();
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Future<T> f = cs.submit(tasks.get(i));
            futures.add(f);
            index.put(f, i);
        }
        Object[] results = new Object[tasks.size()];
        try {
            for (int i = 0; i < tasks.size(); i++) {
                Future<T> f = cs.take();
                results[index.get(f)] = f.get();
            }
        } catch (ExecutionException | InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        @SuppressWarnings("unchecked") List<T> all = (List<T>) Arrays.asList(results);
        return all;
    }
}
