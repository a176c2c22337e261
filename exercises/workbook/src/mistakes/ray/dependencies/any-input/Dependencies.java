package dev.rosetta.exercises.ray;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Classic mistake: {@code anyOf} instead of {@code allOf}. BROKEN: the task is submitted when the
 * first argument is ready, and waits on its worker for the others.
 */
public final class Dependencies {
    private Dependencies() {
    }

    public static <A, R> ObjectRef<R> remote(MiniCluster cluster, Function<List<A>, R> f, List<ObjectRef<A>> args) {
        List<CompletableFuture<A>> inputs = args.stream().map(ObjectRef::future).toList();
        var result = new CompletableFuture<R>();
        CompletableFuture.anyOf(inputs.toArray(CompletableFuture[]::new)).whenComplete((firstDone, failed) -> { // BAD
            if (failed != null) {
                result.completeExceptionally(unwrap(failed));
                return;
            }
            cluster.remote(() -> f.apply(inputs.stream().map(CompletableFuture::join).toList()))
                    .future().whenComplete((value, error) -> {
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
