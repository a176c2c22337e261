package dev.rosetta.exercises.threading;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reference solution of {@code threading/bounded-buffer}.
 *
 * <p>Each method waits in a {@code while} loop (a woken thread checks again: another thread may
 * have got there first, and wake-ups can be spurious) and ends with {@code signalAll()}: the one
 * condition has producers and consumers waiting on it, and {@code signal()} could wake a thread
 * of the wrong kind, which would go back to waiting while the right one sleeps on. (Two
 * conditions, {@code notFull} and {@code notEmpty}, would allow {@code signal()}: that is what
 * {@code ArrayBlockingQueue} does.)
 */
public class BoundedBuffer<T> {
    private final int capacity;
    private final ReentrantLock lock;
    /** Signalled whenever an item is added or removed; both producers and consumers wait on it. */
    private final Condition changed;
    // @GuardedBy("lock")
    private final Deque<T> items = new ArrayDeque<>();

    /** An empty buffer that holds at most {@code capacity} items. */
    public BoundedBuffer(int capacity) {
        this(capacity, new ReentrantLock());
    }

    /**
     * An empty buffer whose condition belongs to {@code lock}, as Python's
     * {@code threading.Condition(lock)}: the tests pass their own lock to see who waits.
     */
    public BoundedBuffer(int capacity, ReentrantLock lock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.lock = lock;
        this.changed = lock.newCondition();
    }

    /** Adds {@code item} at the end, first waiting while the buffer is full. */
    public void put(T item) throws InterruptedException {
        lock.lock();
        try {
            while (items.size() == capacity) {
                changed.await();
            }
            items.addLast(item);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the first item, first waiting while the buffer is empty. */
    public T take() throws InterruptedException {
        lock.lock();
        try {
            while (items.isEmpty()) {
                changed.await();
            }
            T item = items.removeFirst();
            changed.signalAll();
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** How many items the buffer holds now. */
    public int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }
}
