package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference solution of {@code multiprocessing/ordered-map}.
 *
 * <p>Every chunk is submitted first (so all workers are busy), and the results are then
 * collected by walking the chunks in input order, waiting on each: a slow first chunk delays
 * the answer, never its order. Each chunk is copied into an {@link ArrayList}: a
 * {@code subList} is a view of the whole list and is not serialisable.
 */
public final class OrderedMap {
    private OrderedMap() {
    }

    public static <T, R> List<R> map(Pool pool, PicklableFunction<T, R> fn, List<T> items, int chunksize) {
        var pending = new ArrayList<AsyncResult<ArrayList<R>>>();
        for (int start = 0; start < items.size(); start += chunksize) {
            var chunk = new ArrayList<>(items.subList(start, Math.min(items.size(), start + chunksize)));
            pending.add(pool.applyAsync(OrderedMap.runChunk(fn), chunk));
        }
        var results = new ArrayList<R>(items.size());
        for (AsyncResult<ArrayList<R>> chunk : pending) {
            results.addAll(chunk.get());
        }
        return results;
    }

    /** The task a worker runs: fn over one chunk, in order. */
    private static <T, R> PicklableFunction<ArrayList<T>, ArrayList<R>> runChunk(PicklableFunction<T, R> fn) {
        return chunk -> {
            var out = new ArrayList<R>(chunk.size());
            for (T item : chunk) {
                out.add(fn.apply(item));
            }
            return out;
        };
    }
}
