package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Future;
import java.util.List;

/**
 * Exercise {@code asyncio/gather}: write {@code asyncio.gather} yourself.
 *
 * <pre>
 * results = await asyncio.gather(fetch("a"), fetch("b"), fetch("c"))   # ["A", "B", "C"]
 * </pre>
 *
 * <p>{@link #gather(List)} returns at once a future that, once every child is done, holds the
 * children's results <b>in the order given</b> (not the order they finished). If a child fails,
 * the gather fails with that same exception <b>at once</b>, without waiting for (or cancelling) the
 * others; a cancelled child cancels the gather. Children that finish after that change nothing.
 * The same future may be given twice: its result goes in both places.
 * Do not use {@code Asyncio.gather}: build it from {@link Future#addDoneCallback}.
 *
 * <p>Everything runs on the loop thread: no locks, no atomics needed.
 * Chapter: docs/asyncio.md. Hints: {@code ./rosetta learn hint asyncio/gather}.
 */
public class Gather {

    /** A future of every child's result, in the order given; fails with the first child that fails. */
    public static <T> Future<List<T>> gather(List<Future<T>> children) {
        // TODO create the outer future (children.getFirst().loop().createFuture(), or
        //  Asyncio.getRunningLoop().createFuture() when there are none) and complete it from done callbacks
        throw new UnsupportedOperationException("TODO: gather is not written yet");
    }
}
