package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reference solution of {@code dask/tree-reduce}: one level is a parallel map over consecutive
 * groups (every group submitted, then the futures read in order); levels repeat until one value
 * is left. Starting with a level even when there is one partial makes the last combine happen in
 * every case, and "until one value is left" gives the same tree as dask's "while more than
 * split_every, then one last combine".
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
