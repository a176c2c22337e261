package dev.rosetta.exercises.ray;

import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Exercise {@code ray/tree-reduce}: reduce many refs to one value, combining pairs on the
 * workers as they become ready — Ray's tree reduction with {@code ray.wait}.
 *
 * <pre>
 * &#64;ray.remote
 * def combine(a, b): return a + b
 *
 * while len(refs) &gt; 1:
 *     ready, refs = ray.wait(refs, num_returns=2)    # any two that are ready
 *     refs.append(combine.remote(*ready))            # combined on a worker; its ref joins the rest
 * total = ray.get(refs[0])
 * </pre>
 *
 * <p>Write {@link #reduce} ({@code combine} is associative and commutative: any pairing gives
 * the same answer):
 * <ul>
 *   <li>every value is combined <b>exactly once</b>: n refs take n - 1 combines;</li>
 *   <li><b>{@code combine} runs on the workers</b> ({@link MiniCluster#remote}), never on the
 *       caller's thread: a fold in the driver ({@code acc = combine(acc, get(ref))}) gets the
 *       right answer with the cluster idle;</li>
 *   <li>pairs are combined <b>as they become ready</b>: whenever two refs (inputs or partial
 *       results) are ready, a combine of them is submitted, without waiting for any other ref —
 *       not in list order, and not one combine after another (a chain), so the combines of one
 *       level run side by side;</li>
 *   <li>one ref: its value, no combine. No refs: {@code IllegalArgumentException}.</li>
 * </ul>
 *
 * <p>Tools: {@link Ray#wait}{@code (refs, 2)} and {@link Ray#get} (this package's finished ones;
 * {@code Ray.get} inside a task is fine when the refs are ready: it does not wait),
 * {@link MiniCluster#remote}. Chapter: docs/ray.md.
 * Hints: {@code ./rosetta learn hint ray/tree-reduce}.
 */
public final class TreeReduce {
    private TreeReduce() {
    }

    /** {@code combine} over the values of {@code refs}, pairs combined on the workers as they become ready. */
    public static <T> T reduce(MiniCluster cluster, BinaryOperator<T> combine, List<ObjectRef<T>> refs) {
        throw new UnsupportedOperationException("TODO: TreeReduce.reduce: while more than one ref is left, take two"
                + " ready ones with Ray.wait(refs, 2), submit their combine, and put its ref with the rest");
    }
}
