package dev.rosetta.exercises.ray;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Classic mistake: {@code allOf(...).thenRun(...)}. BROKEN: {@code thenRun} runs only when every
 * argument succeeded; when one fails, nothing runs, and the result is never completed: its
 * caller waits for ever.
 */
public final class Dependencies {
    private Dependencies() {
    }

    public static <A, R> ObjectRef<R> remote(MiniCluster cluster, Function<List<A>, R> f, List<ObjectRef<A>> args) {
        List<CompletableFuture<A>> inputs = args.stream().map(ObjectRef::future).toList();
        var result = new CompletableFuture<R>();
        CompletableFuture.allOf(inputs.toArray(CompletableFuture[]::new)).thenRun(() -> { // BAD: skipped on failure
            List<A> values = inputs.stream().map(CompletableFuture::join).toList();
            cluster.remote(() -> f.apply(values)).future().whenComplete((value, error) -> {
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(unwrap(error));
                }
            });
        });
        return ObjectRef.of("f of " + args, result);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
