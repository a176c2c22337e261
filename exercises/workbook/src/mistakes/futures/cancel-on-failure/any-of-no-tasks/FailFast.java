package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures;
import dev.rosetta.futures.Futures.ReturnWhen;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Classic mistake: a loop of {@code anyOf(pending).get()}, removing the finished ones each time.
 * It sleeps, stops at the first failure and cancels the rest, but BROKEN for no tasks at all:
 * {@code anyOf()} of nothing never completes, and runAll waits for ever instead of returning an
 * empty list.
 */
public class FailFast {
    public static <T> List<T> runAll(ExecutorService executor, List<Callable<T>> tasks) throws InterruptedException, ExecutionException {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) futures.add(Futures.submit(executor, t));
        List<CompletableFuture<T>> pending = new ArrayList<>(futures);
        do {
            try {
                CompletableFuture.anyOf(pending.toArray(new CompletableFuture[0])).get();
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(false));
                throw e;
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(false));
                throw e;
            }
            pending.removeIf(CompletableFuture::isDone);
        } while (!pending.isEmpty());
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
