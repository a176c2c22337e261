package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Classic mistake: a binary tree, whatever {@code split_every} says — each combine takes two
 * values. BROKEN: the answer may be right, but the tree is deeper and has more tasks than asked
 * for (20 partials with split_every=4: 21 combines instead of 8), and each extra task costs dask
 * its scheduling overhead.
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
            level = combineLevel(pool, level, 2, combine);
        } while (level.size() > 1);
        return level.getFirst();
    }

    /** One level: each group of {@code splitEvery} consecutive values combined in its own task. */
    private static <T> List<T> combineLevel(ExecutorService pool, List<T> level, int splitEvery, Function<List<T>, T> combine)
            throws InterruptedException, ExecutionException {
        var groups = new ArrayList<Future<T>>();
        for (int first = 0; first < level.size(); first += splitEvery) {
            List<T> group = level.subList(first, Math.min(first + splitEvery, level.size()));
            groups.add(pool.submit(() -> combine.apply(group)));
        }
        var next = new ArrayList<T>(groups.size());
        for (Future<T> group : groups) {
            next.add(group.get());
        }
        return next;
    }
}
