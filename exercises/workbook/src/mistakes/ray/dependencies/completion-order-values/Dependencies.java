package dev.rosetta.exercises.ray;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Classic mistake: each argument's value is added to a list as it arrives, and the task runs when
 * the list is full. BROKEN: {@code join(a, b)} gets {@code [b, a]} when {@code b} was ready first.
 */
public final class Dependencies {
    private Dependencies() {
    }

    public static <A, R> ObjectRef<R> remote(MiniCluster cluster, Function<List<A>, R> f, List<ObjectRef<A>> args) {
        var values = new java.util.ArrayList<A>();
        var result = new CompletableFuture<R>();
        if (args.isEmpty()) {
            submit(cluster, f, List.of(), result);
        }
        for (ObjectRef<A> arg : args) {
            arg.future().whenComplete((value, failed) -> {
                if (failed != null) {
                    result.completeExceptionally(unwrap(failed));
                    return;
                }
                synchronized (values) {
                    values.add(value); // BAD: in the order they arrive
                    if (values.size() < args.size()) {
                        return;
                    }
                }
                submit(cluster, f, List.copyOf(values), result);
            });
        }
        return ObjectRef.of("f of " + args, result);
    }

    private static <A, R> void submit(MiniCluster cluster, Function<List<A>, R> f, List<A> values,
                                      CompletableFuture<R> result) {
        cluster.remote(() -> f.apply(values)).future().whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(unwrap(error));
            }
        });
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
