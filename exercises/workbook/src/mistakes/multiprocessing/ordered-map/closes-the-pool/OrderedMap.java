package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: {@code pool.close()} at the end of map, "to leave nothing running".
 * BROKEN: the pool belongs to the caller, who may well call map again — and now cannot: a closed
 * pool takes no more tasks. Python's {@code pool.map} leaves the pool as it found it; whoever
 * created the pool ends it ({@code with Pool() as pool:}).
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
        pool.close();
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
