package dev.rosetta.exercises.ray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Classic mistake: pairs taken in list order, each waited for before its combine. BROKEN: a
 * tree, but a slow first ref holds back every pair behind it, though they are ready.
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
            T a = Ray.get(pending.removeFirst()); // BAD: waits for these two, whatever else is ready
            T b = Ray.get(pending.removeFirst());
            pending.add(cluster.remote(() -> combine.apply(a, b)));
        }
        return Ray.get(pending.getFirst());
    }
}
