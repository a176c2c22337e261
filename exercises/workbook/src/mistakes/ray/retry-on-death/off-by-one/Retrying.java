package dev.rosetta.exercises.ray;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Classic mistake: {@code maxRetries} counted as attempts. BROKEN: {@code max_retries=3} means
 * three retries after the first attempt, four attempts in all; this makes three (and with
 * {@code max_retries=0}, still one: the off-by-one hides there).
 */
public final class Retrying {
    private Retrying() {
    }

    public static <R> ObjectRef<R> remote(MiniCluster cluster, Callable<R> task, int maxRetries, boolean retryExceptions) {
        var result = new CompletableFuture<R>();
        attempt(cluster, task, Math.max(0, maxRetries - 1), retryExceptions, result); // BAD: counts the first attempt
        return ObjectRef.of("retried task", result);
    }

    private static <R> void attempt(MiniCluster cluster, Callable<R> task, int retriesLeft, boolean retryExceptions,
                                    CompletableFuture<R> result) {
        cluster.remote(task).future().whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            Throwable error = failure instanceof CompletionException ? failure.getCause() : failure;
            boolean retryable = error instanceof WorkerCrashedError || retryExceptions && error instanceof RayTaskError;
            if (retryable && retriesLeft > 0) {
                attempt(cluster, task, retriesLeft - 1, retryExceptions, result);
            } else {
                result.completeExceptionally(error);
            }
        });
    }
}
