package dev.rosetta.exercises.ray;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Reference solution of {@code ray/dependencies}. The result is a future of our own. One
 * callback on {@code allOf(arguments)} runs when the last argument is done, on the thread that
 * completed it: if an argument failed it fails the result with that error; otherwise it reads
 * the values in the order of the arguments (all done: {@code join} does not wait) and submits
 * the task, whose ref completes the result. Nothing blocks anywhere.
 *
 * <p>Thread-safety: stateless; the callbacks run on whichever thread completes a future.
 */
public final class Dependencies {
    private Dependencies() {
    }

    public static <A, R> ObjectRef<R> remote(MiniCluster cluster, Function<List<A>, R> f, List<ObjectRef<A>> args) {
        List<CompletableFuture<A>> inputs = args.stream().map(ObjectRef::future).toList();
        var result = new CompletableFuture<R>();
        CompletableFuture.allOf(inputs.toArray(CompletableFuture[]::new)).whenComplete((allDone, failed) -> {
            if (failed != null) {
                result.completeExceptionally(unwrap(failed));
                return;
            }
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
