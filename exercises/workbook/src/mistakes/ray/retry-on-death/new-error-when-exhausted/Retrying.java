package dev.rosetta.exercises.ray;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Classic mistake: when the retries are used up, the result fails with a new exception. BROKEN:
 * "gave up after 4 attempts" says nothing of why; the task's own error (and its traceback) is
 * lost, though it is what the caller needs.
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
            } else if (retryable) {
                result.completeExceptionally(new IllegalStateException("gave up after the retries")); // BAD: a new error
            } else {
                result.completeExceptionally(error);
            }
        });
    }
}
