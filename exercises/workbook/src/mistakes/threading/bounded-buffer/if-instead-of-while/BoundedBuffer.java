package dev.rosetta.exercises.threading;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Classic mistake: {@code if} instead of {@code while} around the wait.
 * BROKEN: a woken thread does not check again. Two consumers wait on an empty buffer; one item
 * arrives and signalAll() wakes both; the first takes it, the second goes on to remove from an
 * empty buffer.
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
            if (items.size() == capacity) {
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
            if (items.isEmpty()) {
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
