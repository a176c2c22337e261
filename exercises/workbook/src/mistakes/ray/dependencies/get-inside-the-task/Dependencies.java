package dev.rosetta.exercises.ray;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Classic mistake: the task is submitted at once and gets its arguments inside. BROKEN: it holds
 * its worker blocked in {@code get} until the inputs are ready; with one worker, and the task
 * that makes an input queued behind it, nothing ever moves: a deadlock.
 */
public final class Dependencies {
    private Dependencies() {
    }

    public static <A, R> ObjectRef<R> remote(MiniCluster cluster, Function<List<A>, R> f, List<ObjectRef<A>> args) {
        var result = new CompletableFuture<R>();
        cluster.remote(() -> f.apply(args.stream().map(Ray::get).toList())) // BAD: blocks a worker waiting
                .future().whenComplete((value, error) -> {
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
