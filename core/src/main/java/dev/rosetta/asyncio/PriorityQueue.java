package dev.rosetta.asyncio;

import java.util.Comparator;

/**
 * Python's {@code asyncio.PriorityQueue}: a {@link Queue} whose {@link #get()} takes the
 * smallest item first (Python's {@code heapq}; here a {@link java.util.PriorityQueue}).
 * Python's idiom puts {@code (priority, item)} tuples; in Java, put records that are
 * {@link Comparable}, or give a {@link Comparator}.
 *
 * <pre>{@code
 * # q = asyncio.PriorityQueue()            var q = new PriorityQueue<Job>(0, Comparator.comparingInt(Job::priority));
 * # q.put_nowait((2, "b")); q.put_nowait((1, "a"))    q.putNowait(new Job(2, "b")); q.putNowait(new Job(1, "a"));
 * # await q.get()   # (1, "a")              q.get();       // Job[priority=1, name=a]
 * }</pre>
 *
 * <p>Which PriorityQueue: this is asyncio's; {@link java.util.PriorityQueue}, the JDK's heap
 * (not thread-safe, never waits), is what it keeps its items in. Unlike
 * {@link java.util.concurrent.PriorityBlockingQueue} (the JDK's class for threads)
 * it can be bounded and its waits are awaits. Like it, and like Python's heap, items that
 * compare equal come out in no promised order: add a sequence number to make it FIFO.
 *
 * <p>Thread-safety: loop-only, like {@link Queue}.
 *
 * @param <T> the item type
 */
public final class PriorityQueue<T> extends Queue<T> {
    /** Unbounded, ordered by the items' natural order (they must be {@link Comparable}). */
    public PriorityQueue() {
        this(0, null);
    }

    /** At most {@code maxsize} items ({@code 0}: unbounded), smallest by {@code order} first (null: natural order). */
    public PriorityQueue(int maxsize, Comparator<? super T> order) {
        super(maxsize, new java.util.PriorityQueue<>(order));
    }
}
