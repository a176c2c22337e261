package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Classic mistake: results collected by callbacks, "because that is the asynchronous way".
 * BROKEN: callbacks run when chunks finish, so the results come in completion order; a slow
 * first chunk ends up last.
 */
public final class OrderedMap {
    private OrderedMap() {
    }

    public static <T, R> List<R> map(Pool pool, PicklableFunction<T, R> fn, List<T> items, int chunksize) {
        List<R> results = Collections.synchronizedList(new ArrayList<>());
        int chunks = (items.size() + chunksize - 1) / chunksize;
        var done = new CountDownLatch(chunks);
        for (int start = 0; start < items.size(); start += chunksize) {
            var chunk = new ArrayList<>(items.subList(start, Math.min(items.size(), start + chunksize)));
            pool.applyAsync(OrderedMap.runChunk(fn), chunk, out -> {
                results.addAll(out);
                done.countDown();
            }, failure -> done.countDown());
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ArrayList<>(results);
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
