package dev.rosetta.exercises.ray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Reference solution of {@code ray/tree-reduce}. The driver keeps the refs still to combine;
 * {@code Ray.wait(pending, 2)} hands it any two that are ready, in whatever order they became
 * ready; their combine is submitted and its ref joins the others. Each round removes two refs and
 * adds one, so n refs take n - 1 rounds; the driver only waits when fewer than two are ready.
 *
 * <p>Thread-safety: stateless; {@code pending} belongs to the calling thread.
 */
public final class TreeReduce {
    private TreeReduce() {
    }

    public static <T> T reduce(MiniCluster cluster, BinaryOperator<T> combine, List<ObjectRef<T>> refs) {
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("reduce of no refs: there is no value to return");
        }
        List<ObjectRef<T>> pending = new ArrayList<>(refs);
        while (pending.size() > 1) {
            WaitResult<T> two = Ray.wait(pending, 2);
            ObjectRef<T> a = two.ready().get(0);
            ObjectRef<T> b = two.ready().get(1);
            pending = new ArrayList<>(two.notReady());
            pending.add(cluster.remote(() -> combine.apply(Ray.get(a), Ray.get(b))));
        }
        return Ray.get(pending.getFirst());
    }
}
