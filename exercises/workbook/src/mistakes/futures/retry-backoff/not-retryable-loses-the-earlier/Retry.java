package dev.rosetta.exercises.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: a failure that is not retryable is thrown at once, as it should be, but alone.
 * BROKEN: the retryable failures before it (two time-outs, say) are dropped, and they are often
 * the story (the session expired because the first calls timed out). Whatever ends the retries
 * carries the earlier failures with {@code addSuppressed}.
 */
public class Retry {
    public static <T> CompletableFuture<T> retry(Callable<T> call, Backoff backoff, Executor executor, Sleeper sleeper) {
        var result = new CompletableFuture<T>();
        executor.execute(() -> {
            try {
                List<Exception> failures = new ArrayList<>();
                Duration delay = backoff.firstDelay();
                for (int attempt = 1; !result.isDone(); attempt++) {
                    try {
                        result.complete(call.call());
                        return;
                    } catch (Exception e) {
                        if (!backoff.retryable().test(e)) {
                            result.completeExceptionally(e);
                            return;
                        }
                        if (attempt == backoff.attempts()) {
                            failures.forEach(e::addSuppressed);
                            result.completeExceptionally(e);
                            return;
                        }
                        failures.add(e);
                    }
                    try {
                        sleeper.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        result.completeExceptionally(e);
                        return;
                    }
                    delay = delay.multipliedBy(2).compareTo(backoff.maxDelay()) > 0 ? backoff.maxDelay() : delay.multipliedBy(2);
                }
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }
}
