package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Classic mistake: each chunk's results placed at {@code items.indexOf(its first item)}, "because
 * the loop variable cannot be used inside the callback".
 * BROKEN: indexOf finds the <em>first</em> equal item. With repeated items, two chunks land at
 * the same place: one chunk's results overwrite another's and the other places stay empty.
 * A position is not a value: carry the chunk's start index with it (a final copy of the loop
 * variable, or walk the chunks in order).
 */
public final class OrderedMap {
    private OrderedMap() {
    }

    @SuppressWarnings("unchecked")
    public static <T, R> List<R> map(Pool pool, PicklableFunction<T, R> fn, List<T> items, int chunksize) {
        Object[] results = new Object[items.size()];
        var done = new CountDownLatch((items.size() + chunksize - 1) / chunksize);
        for (int start = 0; start < items.size(); start += chunksize) {
            var chunk = new ArrayList<>(items.subList(start, Math.min(items.size(), start + chunksize)));
            pool.applyAsync(OrderedMap.runChunk(fn), chunk, out -> {
                int offset = items.indexOf(chunk.getFirst());
                for (int i = 0; i < out.size(); i++) {
                    results[offset + i] = out.get(i);
                }
                done.countDown();
            }, failure -> done.countDown());
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return (List<R>) new ArrayList<>(Arrays.asList(results));
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
