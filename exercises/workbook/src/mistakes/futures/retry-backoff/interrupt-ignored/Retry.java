package dev.rosetta.exercises.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: {@code catch (InterruptedException ignored)} around the wait, "we only retry a
 * bit sooner". BROKEN: the interrupt is how a pool's {@code shutdownNow()} (or a cancelled caller)
 * asks the task to stop; swallowed, the retries run on, every one of them, and the interrupt
 * status is gone. Stop, fail the future with it, and set the status again.
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
                        if (!backoff.retryable().test(e) || attempt == backoff.attempts()) {
                            failures.forEach(e::addSuppressed);
                            result.completeExceptionally(e);
                            return;
                        }
                        failures.add(e);
                    }
                    try {
                        sleeper.sleep(delay);
                    } catch (InterruptedException ignored) {
                        // just try again sooner
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
