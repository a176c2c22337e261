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
 * Classic mistake: return at the first failure and forget the other tasks. The caller hears of
 * the failure at once, but BROKEN: the tasks still queued are not cancelled, so they all run
 * anyway, using the pool for results nobody will read (and, for tasks that write, doing the half
 * of a job that was meant to be all or nothing).
 */
public class FailFast {

    public static <T> List<T> runAll(ExecutorService executor, List<Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(Futures.submit(executor, task));
        }
        Futures.wait(futures, null, ReturnWhen.FIRST_EXCEPTION);
        for (CompletableFuture<T> future : futures) {
            if (future.isCompletedExceptionally()) {
                throw new ExecutionException(future.exceptionNow());
            }
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
