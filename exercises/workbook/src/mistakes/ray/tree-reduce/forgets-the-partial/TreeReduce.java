package dev.rosetta.exercises.ray;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Classic mistake: the combine of each ready pair is submitted, but its ref never joins the refs
 * still to combine. BROKEN: the partial results are lost; what is returned is one leftover input.
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
            cluster.remote(() -> combine.apply(Ray.get(a), Ray.get(b))); // BAD: its ref is dropped
        }
        return Ray.get(pending.getFirst());
    }
}
