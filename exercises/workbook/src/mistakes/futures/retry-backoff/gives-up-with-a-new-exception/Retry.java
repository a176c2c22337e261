package dev.rosetta.exercises.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: give up with an exception of one's own, {@code "gave up after 4 attempts"}.
 * BROKEN: what went wrong is lost. The caller cannot tell a timeout from a refused connection,
 * cannot decide whether to try later, and the log shows no cause to debug. Throw the last
 * failure itself (the caller's {@code catch (IOException e)} still works) with the earlier ones
 * suppressed.
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
                if (!backoff.retryable().test(failure)) {
                    earlier.forEach(failure::addSuppressed);
                    throw failure;
                }
                if (attempt == backoff.attempts()) {     // BROKEN: every failure is lost
                    throw new IllegalStateException("gave up after " + attempt + " attempts");
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
