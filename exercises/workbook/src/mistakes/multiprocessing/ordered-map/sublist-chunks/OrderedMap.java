package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: chunks as {@code subList} views, "no need to copy".
 * BROKEN: a subList is a window on the whole list and is not Serializable, so it cannot be
 * sent to another process: the pool refuses it at submit with a PicklingError.
 */
public final class OrderedMap {
    private OrderedMap() {
    }

    public static <T, R> List<R> map(Pool pool, PicklableFunction<T, R> fn, List<T> items, int chunksize) {
        var pending = new ArrayList<AsyncResult<List<R>>>();
        for (int start = 0; start < items.size(); start += chunksize) {
            List<T> chunk = items.subList(start, Math.min(items.size(), start + chunksize));
            PicklableFunction<List<T>, List<R>> runChunk = part -> {
                var out = new ArrayList<R>();
                for (T item : part) {
                    out.add(fn.apply(item));
                }
                return out;
            };
            pending.add(pool.applyAsync(runChunk, chunk));
        }
        var results = new ArrayList<R>();
        pending.forEach(p -> results.addAll(p.get()));
        return results;
    }
}
