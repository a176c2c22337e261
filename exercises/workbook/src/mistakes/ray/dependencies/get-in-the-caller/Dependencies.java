package dev.rosetta.exercises.ray;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Classic mistake: the arguments are got on the caller's thread, then the task is submitted.
 * BROKEN: {@code f.remote(a, b)} now waits for {@code a} and {@code b}: the caller cannot submit
 * anything else meanwhile, and a pipeline of tasks runs one stage at a time.
 */
public final class Dependencies {
    private Dependencies() {
    }

    public static <A, R> ObjectRef<R> remote(MiniCluster cluster, Function<List<A>, R> f, List<ObjectRef<A>> args) {
        var result = new CompletableFuture<R>();
        List<A> values = args.stream().map(Ray::get).toList(); // BAD: the caller waits for every argument
        cluster.remote(() -> f.apply(values)).future().whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(unwrap(error));
            }
        });
        return ObjectRef.of("f of " + args, result);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
