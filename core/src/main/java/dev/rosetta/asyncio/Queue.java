package dev.rosetta.asyncio;

import java.util.ArrayDeque;

/**
 * Python's {@code asyncio.Queue}: a FIFO for producer and consumer tasks. {@link #get()} waits
 * while empty; with a {@code maxsize}, {@link #put} waits while full, which is back-pressure:
 * a fast producer is slowed to the consumers' pace. {@link #taskDone()} and {@link #join()}
 * count the items still being worked on.
 *
 * <p>The order is the storage's: first in, first out here; {@link PriorityQueue} and
 * {@link LifoQueue} are this queue over a heap and over a stack, as in Python.
 *
 * <p>Errors as Python's: {@link QueueEmpty}, {@link QueueFull}, and {@link #taskDone()} called
 * more often than items were put throws {@link IllegalArgumentException} (Python's
 * {@code ValueError}).
 *
 * <p>Thread-safety: loop-only (not thread-safe, unlike {@code queue.Queue}/{@link
 * java.util.concurrent.BlockingQueue}: from another thread, use {@code loop.callSoonThreadsafe}).
 *
 * <p>Which Queue: this is asyncio's, for the tasks of one loop. {@link java.util.Queue} is the
 * JDK's collection interface (it never waits), {@link java.util.concurrent.BlockingQueue} the
 * JDK's queue for threads (Python's {@code queue.Queue}), and
 * {@code dev.rosetta.multiprocessing.Queue} the one between processes.
 *
 * @param <T> the item type
 */
public class Queue<T> {
    /** Python's {@code asyncio.QueueEmpty}: {@link #getNowait()} on an empty queue. */
    public static final class QueueEmpty extends RuntimeException {
        QueueEmpty() {
            super("the queue is empty");
        }
    }

    /** Python's {@code asyncio.QueueFull}: {@link #putNowait} on a full queue. */
    public static final class QueueFull extends RuntimeException {
        QueueFull() {
            super("the queue is full");
        }
    }

    private final int maxsize;
    /** The items, in the order {@link #get()} takes them: FIFO, a heap or a stack. */
    private final java.util.Queue<T> items;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private final Event finished = new Event();
    private int unfinished;

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /** A queue holding at most {@code maxsize} items ({@code 0}: unbounded). */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    /** A queue over {@code storage}, whose {@code add}/{@code poll} order is the queue's order. */
    Queue(int maxsize, java.util.Queue<T> storage) {
        this.maxsize = maxsize;
        this.items = storage;
        finished.set();
    }

    /** The number of items in the queue. */
    public int qsize() {
        return items.size();
    }

    /** Whether the queue is empty. */
    public boolean empty() {
        return items.isEmpty();
    }

    /** Whether the queue holds {@code maxsize} items. */
    public boolean full() {
        return maxsize > 0 && items.size() >= maxsize;
    }

    /** Python's {@code await queue.put(item)}: adds it, waiting while the queue is full. An await point. */
    public void put(T item) {
        while (full()) {
            Future<Void> putter = Task.requireCurrent(null, "Queue.put").loop.createFuture();
            putters.add(putter);
            try {
                putter.await();
            } catch (CancelledError e) {
                putters.remove(putter);
                if (!full() && !putter.isCancelled()) {
                    wakeOne(putters);
                }
                throw e;
            }
        }
        putNowait(item);
    }

    /** Adds {@code item} without waiting; throws {@link QueueFull} if full. */
    public void putNowait(T item) {
        if (full()) {
            throw new QueueFull();
        }
        items.add(item);
        unfinished++;
        finished.clear();
        wakeOne(getters);
    }

    /** Python's {@code await queue.get()}: removes the first item, waiting while empty. An await point. */
    public T get() {
        while (items.isEmpty()) {
            Future<Void> getter = Task.requireCurrent(null, "Queue.get").loop.createFuture();
            getters.add(getter);
            try {
                getter.await();
            } catch (CancelledError e) {
                getters.remove(getter);
                if (!items.isEmpty() && !getter.isCancelled()) {
                    wakeOne(getters);
                }
                throw e;
            }
        }
        return getNowait();
    }

    /** Removes the first item without waiting; throws {@link QueueEmpty} if empty. */
    public T getNowait() {
        if (items.isEmpty()) {
            throw new QueueEmpty();
        }
        T item = items.poll();
        wakeOne(putters);
        return item;
    }

    /** Marks one item taken with {@link #get()} as processed (Python: {@code task_done()}). */
    public void taskDone() {
        if (unfinished <= 0) {
            throw new IllegalArgumentException("task_done() called too many times");
        }
        if (--unfinished == 0) {
            finished.set();
        }
    }

    /** Python's {@code await queue.join()}: waits until every item put has been marked {@link #taskDone()}. */
    public void join() {
        finished.waitFor();
    }

    private static void wakeOne(ArrayDeque<Future<Void>> waiters) {
        while (!waiters.isEmpty()) {
            Future<Void> waiter = waiters.poll();
            if (!waiter.isDone()) {
                waiter.setResult(null);
                return;
            }
        }
    }
}
