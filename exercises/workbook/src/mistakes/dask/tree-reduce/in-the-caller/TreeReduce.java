package dev.rosetta.exercises.dask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Classic mistake: the tree built right, but every combine run in the caller's thread, as
 * {@code functools.reduce} would. BROKEN: the pool sits idle while the caller combines one group
 * after another, and a combine's exception is thrown bare, not from a task.
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
            var next = new ArrayList<T>();
            for (int first = 0; first < level.size(); first += splitEvery) {
                next.add(combine.apply(level.subList(first, Math.min(first + splitEvery, level.size()))));
            }
            level = next;
        } while (level.size() > 1);
        return level.getFirst();
    }
}
