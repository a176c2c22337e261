package dev.rosetta.exercises.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reference solution of {@code futures/retry-backoff}: one task on the executor runs the
 * attempts in a loop and completes a future made here. The delay doubles after each wait and is
 * capped with {@code min}; a failure that is not retryable, and the last failure, end the loop.
 * The last exception is thrown with the earlier ones suppressed, so the caller sees every attempt.
 */
public class Retry {

    public static <T> CompletableFuture<T> retry(Callable<T> call, Backoff backoff, Executor executor,
                                                 Sleeper sleeper) {
        var result = new CompletableFuture<T>();
        executor.execute(() -> {
            try {
                result.complete(attempts(call, backoff, sleeper));
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    private static <T> T attempts(Callable<T> call, Backoff backoff, Sleeper sleeper) throws Exception {
        List<Exception> earlier = new ArrayList<>();
        Duration delay = backoff.firstDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (Exception failure) {
                if (!backoff.retryable().test(failure) || attempt == backoff.attempts()) {
                    earlier.forEach(failure::addSuppressed);
                    throw failure;
                }
                earlier.add(failure);
            }
            sleeper.sleep(delay);
            delay = min(delay.multipliedBy(2), backoff.maxDelay());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
