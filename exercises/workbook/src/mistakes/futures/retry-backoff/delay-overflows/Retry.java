package dev.rosetta.exercises.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: the delay computed in one line, {@code firstDelay << (attempt - 1)} in
 * milliseconds, then capped with {@code min}. Right for ten attempts; BROKEN for many: the shift
 * overflows a {@code long} (1 ms shifted by 63 is negative), the "capped" delay comes out
 * negative or zero, and a service that is down is hammered in a tight loop. Double the previous
 * delay and cap it at each step, comparing before doubling.
 */
public class Retry {
    public static <T> CompletableFuture<T> retry(Callable<T> call, Backoff backoff, Executor executor, Sleeper sleeper) {
        var result = new CompletableFuture<T>();
        executor.execute(() -> {
            try {
                List<Exception> failures = new ArrayList<>();
                for (int attempt = 1; attempt <= backoff.attempts() && !result.isDone(); attempt++) {
                    try {
                        result.complete(call.call());
                        return;
                    } catch (Exception e) {
                        if (!backoff.retryable().test(e) || attempt == backoff.attempts()) {
                            failures.forEach(e::addSuppressed);
                            result.completeExceptionally(e);
                            return;
                        }
                        failures.add(e);
                    }
                    long ms = Math.min(backoff.firstDelay().toMillis() << (attempt - 1), backoff.maxDelay().toMillis());
                    try {
                        sleeper.sleep(Duration.ofMillis(ms));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        result.completeExceptionally(e);
                        return;
                    }
                }
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }
}
