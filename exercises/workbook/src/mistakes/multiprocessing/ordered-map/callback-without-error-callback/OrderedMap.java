package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Classic mistake: callbacks that put each chunk in its place, and a latch counted down in the
 * callback, "all done when the latch opens" — with no error callback.
 * BROKEN: the order is right, but a chunk that raises never calls the callback: the latch never
 * opens, and map waits for ever (Python's {@code apply_async} without {@code error_callback}
 * has the same trap). An exception must reach the caller, not hang it: count down on failure
 * too and raise it, or wait on {@code get()}, which throws it.
 */
public final class OrderedMap {
    private OrderedMap() {
    }

    @SuppressWarnings("unchecked")
    public static <T, R> List<R> map(Pool pool, PicklableFunction<T, R> fn, List<T> items, int chunksize) {
        Object[] results = new Object[items.size()];
        var done = new CountDownLatch((items.size() + chunksize - 1) / chunksize);
        for (int start = 0; start < items.size(); start += chunksize) {
            final int offset = start;
            var chunk = new ArrayList<>(items.subList(start, Math.min(items.size(), start + chunksize)));
            pool.applyAsync(OrderedMap.runChunk(fn), chunk, out -> {
                for (int i = 0; i < out.size(); i++) {
                    results[offset + i] = out.get(i);
                }
                done.countDown();
            }, null);
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
