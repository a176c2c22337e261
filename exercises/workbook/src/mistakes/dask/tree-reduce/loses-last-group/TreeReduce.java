package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Classic mistake: {@code level.size() / splitEvery} groups. BROKEN: integer division rounds down,
 * so the last group, smaller than {@code split_every}, is never combined: its partitions vanish
 * from the answer (9 partials in groups of 4 lose the ninth).
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
        for (int g = 0; g < Math.max(1, level.size() / splitEvery); g++) {
            List<T> group = level.subList(g * splitEvery, Math.min((g + 1) * splitEvery, level.size()));
            groups.add(pool.submit(() -> combine.apply(group)));
        }
        var next = new ArrayList<T>(groups.size());
        for (Future<T> group : groups) {
            next.add(group.get());
        }
        return next;
    }
}
