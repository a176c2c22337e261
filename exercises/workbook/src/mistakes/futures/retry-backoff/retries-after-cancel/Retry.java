package dev.rosetta.exercises.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Classic mistake: {@code supplyAsync} around the retry loop, and nothing else. The waits, the cap
 * and the failures are right, but BROKEN: when the caller cancels the future, because it no
 * longer wants the answer, the loop does not notice and goes on calling the service, attempt
 * after attempt, for nobody. Check the future before each attempt.
 */
public class Retry {
    public static <T> CompletableFuture<T> retry(Callable<T> call, Backoff backoff, Executor executor, Sleeper sleeper) {
        return CompletableFuture.supplyAsync(() -> {
            List<Exception> failures = new ArrayList<>();
            Duration delay = backoff.firstDelay();
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.call();
                } catch (Exception e) {
                    if (!backoff.retryable().test(e) || attempt == backoff.attempts()) {
                        failures.forEach(e::addSuppressed);
                        throw new CompletionException(e);
                    }
                    failures.add(e);
                }
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
                delay = delay.multipliedBy(2).compareTo(backoff.maxDelay()) > 0 ? backoff.maxDelay() : delay.multipliedBy(2);
            }
        }, executor);
    }
}
