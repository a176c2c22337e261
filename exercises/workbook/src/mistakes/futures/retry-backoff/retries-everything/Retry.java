package dev.rosetta.exercises.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: {@code catch (Exception e)} and try again, whatever it was. BROKEN: a bad
 * request, a wrong password or a bug fails the same way every time; retrying it only adds load
 * and delay (here 1 + 2 + 4 s) before the same answer, and a write that is not idempotent may even
 * be done twice. Only failures that {@code retryable} accepts are worth another try.
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
                if (attempt == backoff.attempts()) {     // BROKEN: retryable is never asked
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
