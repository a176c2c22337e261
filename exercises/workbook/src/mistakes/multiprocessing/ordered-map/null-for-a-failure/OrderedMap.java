package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Classic mistake: a chunk that raised gives nulls, "so one bad item does not spoil the rest".
 * BROKEN: the caller gets a list that looks complete, and the exception — its type, its message,
 * where it happened — is gone. Python's {@code map} raises the task's exception in the caller;
 * so must this one (let the exception {@code get()} throws, the task's own, through).
 */
public final class OrderedMap {
    private OrderedMap() {
    }

    public static <T, R> List<R> map(Pool pool, PicklableFunction<T, R> fn, List<T> items, int chunksize) {
        var pending = new ArrayList<AsyncResult<ArrayList<R>>>();
        var sizes = new ArrayList<Integer>();
        for (int start = 0; start < items.size(); start += chunksize) {
            var chunk = new ArrayList<>(items.subList(start, Math.min(items.size(), start + chunksize)));
            pending.add(pool.applyAsync(OrderedMap.runChunk(fn), chunk));
            sizes.add(chunk.size());
        }
        var results = new ArrayList<R>(items.size());
        for (int i = 0; i < pending.size(); i++) {
            try {
                results.addAll(pending.get(i).get());
            } catch (RuntimeException failed) {
                results.addAll(Collections.nCopies(sizes.get(i), null));
            }
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
