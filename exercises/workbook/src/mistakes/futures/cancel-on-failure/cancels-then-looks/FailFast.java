package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures;
import dev.rosetta.futures.Futures.ReturnWhen;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Classic mistake: at the first failure, cancel everything not done, then look for the failed
 * future in the order of the tasks. BROKEN: a cancelled future counts as completed exceptionally
 * too, so when a queued task stands before the failed one, runAll throws the
 * {@code CancellationException} it caused itself, and the real failure is lost. Find the failure
 * first, then cancel.
 */
public class FailFast {
    public static <T> List<T> runAll(ExecutorService executor, List<Callable<T>> tasks) throws InterruptedException, ExecutionException {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) futures.add(Futures.submit(executor, t));
        Futures.wait(futures, null, ReturnWhen.FIRST_EXCEPTION);
        futures.forEach(f -> f.cancel(false));
        for (CompletableFuture<T> f : futures) {
            if (f.isCompletedExceptionally()) throw new ExecutionException(f.exceptionNow());
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
