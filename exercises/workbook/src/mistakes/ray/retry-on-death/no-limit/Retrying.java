package dev.rosetta.exercises.ray;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Classic mistake: a worker's death is always retried. BROKEN: a task that kills every worker it
 * touches (out of memory on its input) is run for ever, and its ref never fails.
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
            if (error instanceof WorkerCrashedError || retryable && retriesLeft > 0) { // BAD: deaths without limit
                attempt(cluster, task, retriesLeft - 1, retryExceptions, result);
            } else {
                result.completeExceptionally(error);
            }
        });
    }
}
