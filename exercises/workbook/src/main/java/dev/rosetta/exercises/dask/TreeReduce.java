package dev.rosetta.exercises.dask;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Exercise {@code dask/tree-reduce}: how dask combines one partial result per partition into one
 * answer — {@code df.groupby(k).agg(..., split_every=4)}, {@code df.x.sum(split_every=4)} — as a
 * tree, never all at once.
 *
 * <pre>
 * total = df.fare.sum(split_every=4).compute(scheduler="threads")
 * #  20 partial sums -> 5 combines of 4 (the last of 4 too) -> 2 combines (4 and 1) -> 1 last combine
 * </pre>
 *
 * <p>{@link #reduce} combines {@code partials} level by level. A level cuts its values into
 * consecutive groups of {@code splitEvery} — the last group holds what is left, however few, and
 * is combined too — and combines <b>each group in a task of its own</b> on {@code pool},
 * submitting <b>every group of the level before waiting</b> for any. The results, in the order
 * of their groups, are the next level; it goes on until a level has one value, which is the
 * answer. So no {@code combine} ever gets more than {@code splitEvery} values, the order of the
 * partials is kept ({@code combine} need not be commutative), and even one partial goes through
 * one {@code combine} (dask's last step always runs: it may turn (sum, count) into a mean).
 * Every {@code combine} runs on the pool, none in the caller's thread.
 *
 * <p>{@code splitEvery} below 2 is an {@link IllegalArgumentException} naming the value (a tree
 * of fan-in 1 never ends); no partials too (Python: "reduce() of empty iterable with no initial
 * value"). A {@code combine} that throws makes {@code reduce} throw an
 * {@link ExecutionException} whose cause is that exception. Do not shut the pool down.
 *
 * <p>Tools: {@code pool.submit(callable)}, {@code Future.get()}, {@code List.subList}.
 * Chapter: docs/dask.md. Hints: {@code ./rosetta learn hint dask/tree-reduce}.
 */
public class TreeReduce {

    /** {@code partials} combined {@code splitEvery} at a time, level by level, on {@code pool}, into one value. */
    public static <T> T reduce(ExecutorService pool, List<T> partials, int splitEvery, Function<List<T>, T> combine)
            throws InterruptedException, ExecutionException {
        // TODO check the arguments; then, level by level, combine groups of splitEvery in tasks until one value is left
        throw new UnsupportedOperationException("TODO: TreeReduce.reduce is not written yet");
    }
}
