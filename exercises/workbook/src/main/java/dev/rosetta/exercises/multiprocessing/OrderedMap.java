package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.List;

/**
 * Exercise {@code multiprocessing/ordered-map}: build {@code Pool.map} yourself, from
 * {@code applyAsync}.
 *
 * <p>In Python, {@code pool.map(fn, items, chunksize)} cuts {@code items} into chunks, sends
 * each chunk to a worker as one task, and returns the results in the order of {@code items},
 * whichever chunk finishes first:
 * <pre>
 * chunks = [items[i:i + chunksize] for i in range(0, len(items), chunksize)]
 * pending = [pool.apply_async(run_chunk, (fn, chunk)) for chunk in chunks]
 * return [r for p in pending for r in p.get()]
 * </pre>
 *
 * <p>Write {@link #map} with {@link Pool#applyAsync}: one task per chunk, results in input
 * order. Check it: {@code ./rosetta learn check multiprocessing/ordered-map}.
 * Chapter: docs/multiprocessing.md.
 */
public final class OrderedMap {
    private OrderedMap() {
    }

    /** {@code fn} applied to every item on {@code pool}, one task per chunk, results in the order of {@code items}. */
    public static <T, R> List<R> map(Pool pool, PicklableFunction<T, R> fn, List<T> items, int chunksize) {
        throw new UnsupportedOperationException("TODO: cut items into chunks of chunksize, send each chunk to the"
                + " pool with applyAsync, and return all results in the order of items");
    }
}
