package dev.rosetta.exercises.ray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Classic mistake: each combine submitted when the one before has finished. BROKEN: combines run
 * on the workers, but one at a time: a chain of n - 1 steps instead of a tree of log n levels.
 */
public final class TreeReduce {
    private TreeReduce() {
    }

    public static <T> T reduce(MiniCluster cluster, BinaryOperator<T> combine, List<ObjectRef<T>> refs) {
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("reduce of no refs: there is no value to return");
        }
        T total = Ray.get(refs.getFirst());
        for (ObjectRef<T> ref : refs.subList(1, refs.size())) {
            T left = total;
            total = Ray.get(cluster.remote(() -> combine.apply(left, Ray.get(ref)))); // BAD: waits for each combine
        }
        return total;
    }
}
