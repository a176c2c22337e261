package dev.rosetta.exercises.ray;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Classic mistake: every failure is retried, the task's own exception too. BROKEN: a task that
 * charged a card and then raised is run again, and charges it again, up to four times; Ray
 * retries an exception only when asked ({@code retry_exceptions=True}).
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
            boolean retryable = true; // BAD: the task's own exception too
            if (retryable && retriesLeft > 0) {
                attempt(cluster, task, retriesLeft - 1, retryExceptions, result);
            } else {
                result.completeExceptionally(error);
            }
        });
    }
}
