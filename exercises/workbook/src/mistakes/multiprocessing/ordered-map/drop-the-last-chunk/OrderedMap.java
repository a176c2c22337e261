package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: chunks cut while a whole chunk fits, {@code start + chunksize <= items.size()}.
 * BROKEN: when the items do not divide evenly, the last, shorter chunk is never cut, and its
 * items are silently missing from the result. Python's {@code items[i:i + chunksize]} simply
 * stops at the end: the last chunk may be short.
 */
public final class OrderedMap {
    private OrderedMap() {
    }

    public static <T, R> List<R> map(Pool pool, PicklableFunction<T, R> fn, List<T> items, int chunksize) {
        var pending = new ArrayList<AsyncResult<ArrayList<R>>>();
        for (int start = 0; start + chunksize <= items.size(); start += chunksize) {
            var chunk = new ArrayList<>(items.subList(start, start + chunksize));
            pending.add(pool.applyAsync(OrderedMap.runChunk(fn), chunk));
        }
        var results = new ArrayList<R>(items.size());
        for (AsyncResult<ArrayList<R>> chunk : pending) {
            results.addAll(chunk.get());
        }
        return results;
    }

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
