package dev.rosetta.exercises.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: the delay doubles and nothing stops it. BROKEN: 1, 2, 4, 8, 16 ... seconds;
 * after ten failures a caller waits 17 minutes for one attempt, and after twenty, 12 days.
 * {@code maxDelay} is there to bound that.
 */
public class Retry {

    public static <T> CompletableFuture<T> retry(Callable<T> call, Backoff backoff, Executor executor,
                                                 Sleeper sleeper) {
        var result = new CompletableFuture<T>();
        executor.execute(() -> {
            try {
                attempts(call, backoff, sleeper, result);
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    private static <T> void attempts(Callable<T> call, Backoff backoff, Sleeper sleeper, CompletableFuture<T> result)
            throws Exception {
        List<Exception> earlier = new ArrayList<>();
        Duration delay = backoff.firstDelay();
        for (int attempt = 1; !result.isDone(); attempt++) {
            try {
                result.complete(call.call());
                return;
            } catch (Exception failure) {
                if (!backoff.retryable().test(failure) || attempt == backoff.attempts()) {
                    earlier.forEach(failure::addSuppressed);
                    throw failure;
                }
                earlier.add(failure);
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                throw stop;
            }
            delay = delay.multipliedBy(2);       // BROKEN: maxDelay is never looked at
        }
    }
}
