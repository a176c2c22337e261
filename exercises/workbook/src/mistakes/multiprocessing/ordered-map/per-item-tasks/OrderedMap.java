package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: one task per item, "the pool spreads them anyway; chunksize is only a hint".
 * BROKEN: the results are right and in order, but every item travels to a worker and back on its
 * own: with many small items the round trips, not the work, take the time. Python's
 * {@code chunksize} is the point of {@code map}: one task carries a whole chunk, and a worker
 * runs its items one after another.
 */
public final class OrderedMap {
    private OrderedMap() {
    }

    public static <T, R> List<R> map(Pool pool, PicklableFunction<T, R> fn, List<T> items, int chunksize) {
        var pending = new ArrayList<AsyncResult<R>>();
        for (T item : items) {
            pending.add(pool.applyAsync(fn, item));
        }
        var results = new ArrayList<R>(items.size());
        for (AsyncResult<R> result : pending) {
            results.add(result.get());
        }
        return results;
    }
}
