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

    public static <T> CompletableFuture<T> retry(Callable<T> call, Backoff backoff, Executor executor,
                                                 Sleeper sleeper) {
        var result = new CompletableFuture<T>();
        executor.execute(() -> {
            try {
                attempts(call, backoff, sleeper, result);
            } catch (Exception failure) {       // BROKEN: an Error is not an Exception
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
            delay = doubledUpTo(delay, backoff.maxDelay());
        }
    }

    /** Twice {@code delay}, but at most {@code max}: compared first, so no overflow however big they are. */
    private static Duration doubledUpTo(Duration delay, Duration max) {
        return delay.compareTo(max.dividedBy(2)) > 0 ? max : delay.multipliedBy(2);
    }
}
