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
 * Reference solution of {@code futures/cancel-on-failure}, Python's way: submit everything, sleep
 * in {@code wait(FIRST_EXCEPTION)}, which returns at the first failure or when all are done.
 * After a failure, cancel every future: Python's cancel ({@code Futures.submit}'s) stops the ones
 * still queued and leaves a running one alone, so nothing waits for it. The results are read
 * from the list of futures, so they are in the order of the tasks.
 */
public class FailFast {

    public static <T> List<T> runAll(ExecutorService executor, List<Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        try {
            for (Callable<T> task : tasks) {
                futures.add(Futures.submit(executor, task));
            }
            Futures.wait(futures, null, ReturnWhen.FIRST_EXCEPTION);
        } catch (InterruptedException | RuntimeException e) {
            futures.forEach(f -> f.cancel(false));
            throw e;
        }
        for (CompletableFuture<T> future : futures) {
            if (future.isCompletedExceptionally()) {
                futures.forEach(f -> f.cancel(false));
                throw new ExecutionException(future.exceptionNow());
            }
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
