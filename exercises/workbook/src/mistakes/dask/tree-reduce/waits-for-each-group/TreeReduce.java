package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Classic mistake: each group submitted and waited for before the next one is cut. BROKEN: the
 * tree is right, but only one combine ever runs at a time: a level of 5 groups takes 5 turns of
 * one thread, whatever the pool's size.
 */
public class TreeReduce {

    public static <T> T reduce(ExecutorService pool, List<T> partials, int splitEvery, Function<List<T>, T> combine)
            throws InterruptedException, ExecutionException {
        if (splitEvery < 2) {
            throw new IllegalArgumentException("split_every must be at least 2, was " + splitEvery);
        }
        if (partials.isEmpty()) {
            throw new IllegalArgumentException("reduce() of no partial results: a frame has at least one partition");
        }
        List<T> level = partials;
        do {
            level = combineLevel(pool, level, splitEvery, combine);
        } while (level.size() > 1);
        return level.getFirst();
    }

    /** One level: each group of {@code splitEvery} consecutive values combined in its own task. */
    private static <T> List<T> combineLevel(ExecutorService pool, List<T> level, int splitEvery, Function<List<T>, T> combine)
            throws InterruptedException, ExecutionException {
        var next = new ArrayList<T>();
        for (int first = 0; first < level.size(); first += splitEvery) {
            List<T> group = level.subList(first, Math.min(first + splitEvery, level.size()));
            Future<T> combined = pool.submit(() -> combine.apply(group));
            next.add(combined.get());
        }
        return next;
    }
}
