package dev.rosetta.exercises.ray;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Reference solution of {@code ray/retry-on-death}. Each attempt is a task on the cluster; its
 * ref's callback decides: a value completes the result; a worker's death, or (when asked) the
 * task's own error, submits the next attempt while retries are left; anything else, or no retry
 * left, fails the result with that attempt's error. Nothing ever waits for an attempt.
 *
 * <p>Thread-safety: stateless; each attempt's callback runs on the thread that finished the
 * attempt, and starts at most one next attempt, so the result is completed once.
 */
public final class Retrying {
    private Retrying() {
    }

    public static <R> ObjectRef<R> remote(MiniCluster cluster, Callable<R> task, int maxRetries, boolean retryExceptions) {
        var result = new CompletableFuture<R>();
        attempt(cluster, task, maxRetries, retryExceptions, result);
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
