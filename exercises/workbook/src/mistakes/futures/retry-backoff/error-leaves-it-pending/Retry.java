package dev.rosetta.exercises.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: the task catches {@code Exception} and completes the future with it. BROKEN:
 * an {@code Error} (an {@code AssertionError}, a {@code StackOverflowError}, a
 * {@code NoClassDefFoundError}) is not an {@code Exception}; it ends the task, the executor logs
 * it, and the future is never completed: its caller waits for ever. Catch {@code Throwable} where
 * you complete a future by hand.
 */
public class Retry {
    public static <T> CompletableFuture<T> retry(Callable<T> call, Backoff backoff, Executor executor, Sleeper sleeper) {
        var result = new CompletableFuture<T>();
        executor.execute(() -> {
            try {
                result.complete(attempts(call, backoff, sleeper));
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static <T> T attempts(Callable<T> call, Backoff backoff, Sleeper sleeper) throws Exception {
        List<Exception> failures = new ArrayList<>();
        Duration delay = backoff.firstDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                if (!backoff.retryable().test(e) || attempt == backoff.attempts()) {
                    failures.forEach(e::addSuppressed);
                    throw e;
                }
                failures.add(e);
            }
            sleeper.sleep(delay);
            delay = delay.multipliedBy(2).compareTo(backoff.maxDelay()) > 0 ? backoff.maxDelay() : delay.multipliedBy(2);
        }
    }
}
