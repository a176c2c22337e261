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
 * capped at {@code maxDelay}, compared before doubling so that it cannot overflow. A failure that
 * is not retryable, and the last failure, end the loop, thrown with the earlier ones suppressed,
 * so the caller sees every attempt. Anything thrown ends it too ({@code Throwable}: an
 * {@code Error} must not leave the future pending for ever); an interrupted wait ends it with
 * the {@code InterruptedException}, the thread's interrupt status set again. A future the caller
 * has cancelled starts no more attempts.
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
            delay = doubledUpTo(delay, backoff.maxDelay());
        }
    }

    /** Twice {@code delay}, but at most {@code max}: compared first, so no overflow however big they are. */
    private static Duration doubledUpTo(Duration delay, Duration max) {
        return delay.compareTo(max.dividedBy(2)) > 0 ? max : delay.multipliedBy(2);
    }
}
