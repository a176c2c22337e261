package dev.rosetta.exercises.futures;

import java.time.Duration;
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
                result.complete(attempts(call, backoff, sleeper));
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    private static <T> T attempts(Callable<T> call, Backoff backoff, Sleeper sleeper) throws Exception {
        Duration delay = backoff.firstDelay();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (Exception failure) {
                if (!backoff.retryable().test(failure)) {
                    throw failure;
                }
                if (attempt == backoff.attempts()) {
                    throw new IllegalStateException("gave up after " + attempt + " attempts");
                }
            }
            sleeper.sleep(delay);
            Duration doubled = delay.multipliedBy(2);
            delay = doubled.compareTo(backoff.maxDelay()) <= 0 ? doubled : backoff.maxDelay();
        }
    }
}
