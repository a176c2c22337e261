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
                if (attempt == backoff.attempts()) {
                    earlier.forEach(failure::addSuppressed);
                    throw failure;
                }
                earlier.add(failure);
            }
            sleeper.sleep(delay);
            Duration doubled = delay.multipliedBy(2);
            delay = doubled.compareTo(backoff.maxDelay()) <= 0 ? doubled : backoff.maxDelay();
        }
    }
}
