package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures;
import dev.rosetta.futures.Futures.ReturnWhen;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Classic mistake: stop at the first failure, cancel the rest, and return "what we have". It
 * waits and cancels well, but BROKEN: the failure is swallowed. The caller gets a shorter list
 * and no word of why, cannot tell which result belongs to which task, and carries on as if all
 * went well. A failure must reach the caller.
 */
public class FailFast {

    public static <T> List<T> runAll(ExecutorService executor, List<Callable<T>> tasks) throws InterruptedException {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(Futures.submit(executor, task));
        }
        Futures.wait(futures, null, ReturnWhen.FIRST_EXCEPTION);
        futures.forEach(f -> f.cancel(false));
        return futures.stream()
                .filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .map(CompletableFuture::join)
                .toList();
    }
}
