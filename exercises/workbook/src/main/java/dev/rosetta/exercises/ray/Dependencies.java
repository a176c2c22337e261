package dev.rosetta.exercises.ray;

import java.util.List;
import java.util.function.Function;

/**
 * Exercise {@code ray/dependencies}: refs passed as arguments are resolved before the task runs —
 * and nobody is made to wait for them.
 *
 * <pre>
 * a = load.remote("a.csv")
 * b = load.remote("b.csv")
 * c = join.remote(a, b)        # returns at once; join runs when a and b are ready, with their values
 * </pre>
 *
 * <p>Write {@link #remote}: {@code f} applied to the values of {@code args}, as a task on
 * {@code cluster}. Ray's rules:
 * <ul>
 *   <li>it <b>returns a ref at once</b>, whether the arguments are ready or not: the caller
 *       does not wait for them;</li>
 *   <li>the task is <b>handed to the cluster only once every argument is ready</b>. A task
 *       handed over earlier could only sit on its worker, blocked in a {@code get}, holding a
 *       worker that the tasks making its inputs may need: on a fixed pool of one worker, that is
 *       a deadlock. (Ray, when a task does block in {@code ray.get}, lends its CPU to other
 *       tasks and starts more worker processes to avoid it: a costly rescue, not the plan.)</li>
 *   <li>{@code f} gets the values <b>in the order of {@code args}</b>, whatever order they
 *       became ready in;</li>
 *   <li>if an argument <b>failed</b>, the result fails with that argument's error, as it is,
 *       and {@code f} never runs;</li>
 *   <li>what {@code f} returns, or the error it ends with, becomes the result.</li>
 * </ul>
 *
 * <p>Tools: {@code ref.future()}, {@code CompletableFuture.allOf(...)} and {@code whenComplete}
 * (a callback runs on the thread that completes the last argument: no thread waits),
 * {@link MiniCluster#remote}, {@link ObjectRef#of}. Chapter: docs/ray.md.
 * Hints: {@code ./rosetta learn hint ray/dependencies}.
 */
public final class Dependencies {
    private Dependencies() {
    }

    /** {@code f.remote(*args)}: a ref to {@code f(values of args)}, at once; the task runs when the args are ready. */
    public static <A, R> ObjectRef<R> remote(MiniCluster cluster, Function<List<A>, R> f, List<ObjectRef<A>> args) {
        throw new UnsupportedOperationException("TODO: Dependencies.remote: when every argument's future is done"
                + " (allOf + whenComplete), submit f with their values; return your own ref at once");
    }
}
