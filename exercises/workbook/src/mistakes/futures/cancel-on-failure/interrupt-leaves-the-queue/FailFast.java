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
 * Classic mistake: cancel the rest at a failure, and forget the other way out: an interrupt while
 * waiting. BROKEN: when the caller is interrupted (its own request was cancelled), runAll throws
 * {@code InterruptedException} and leaves every queued task to run, for a result nobody will read.
 * Cancel on every way out: a {@code catch} or {@code finally} around the wait.
 */
public class FailFast {
    public static <T> List<T> runAll(ExecutorService executor, List<Callable<T>> tasks) throws InterruptedException, ExecutionException {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) futures.add(Futures.submit(executor, t));
        Futures.wait(futures, null, ReturnWhen.FIRST_EXCEPTION);
        for (CompletableFuture<T> f : futures) {
            if (f.isCompletedExceptionally()) {
                futures.forEach(g -> g.cancel(false));
                throw new ExecutionException(f.exceptionNow());
            }
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
