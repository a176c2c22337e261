package dev.rosetta.exercises.threading;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Classic mistake: signal only on a change that matters (the buffer was empty, or was full), and signal() one thread.
 * BROKEN: two consumers wait; two items are put before either runs. Only the first put found the
 * buffer empty and woke one consumer; the second consumer sleeps on beside an item. The same with
 * two producers and two takes. Every change must wake every waiter that may now go on.
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
            if (items.size() == 1) {                 // BROKEN: only the first put wakes, and only one
                changed.signal();
            }
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
            if (items.size() == capacity - 1) {      // BROKEN: only the first take wakes, and only one
                changed.signal();
            }
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
