package dev.rosetta.exercises.ray;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Classic mistake: {@code remote} retries in a loop that waits for each attempt. BROKEN: the
 * caller is held until the task has succeeded or given up, so nothing else is submitted
 * meanwhile — the "ref" comes back already ready, and the cluster runs one task at a time.
 */
public final class Retrying {
    private Retrying() {
    }

    public static <R> ObjectRef<R> remote(MiniCluster cluster, Callable<R> task, int maxRetries, boolean retryExceptions) {
        var result = new CompletableFuture<R>();
        for (int retriesLeft = maxRetries; ; retriesLeft--) {
            try {
                result.complete(Ray.get(cluster.remote(task))); // BAD: waits for the attempt
                break;
            } catch (WorkerCrashedError | RayTaskError error) {
                boolean retryable = error instanceof WorkerCrashedError || retryExceptions;
                if (!retryable || retriesLeft == 0) {
                    result.completeExceptionally(error);
                    break;
                }
            }
        }
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
