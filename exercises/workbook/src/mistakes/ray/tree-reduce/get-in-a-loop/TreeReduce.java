package dev.rosetta.exercises.ray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Classic mistake: the reduction done in the driver, {@code get} in a loop. BROKEN: the answer
 * is right, but every combine runs on the caller's thread, one after another, in list order,
 * while the workers sit idle.
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
            total = combine.apply(total, Ray.get(ref)); // BAD: on the driver, waiting for each ref in turn
        }
        return total;
    }
}
