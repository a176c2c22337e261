package dev.rosetta.exercises.threading;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Classic mistake: catch InterruptedException around the wait and go on waiting.
 * BROKEN: an interrupt is the caller asking the thread to stop (a shutdown, a cancelled task). This
 * put() and take() ignore it and wait on, so a thread blocked on a full or empty buffer can never be
 * stopped. Let the exception through (the method says throws InterruptedException).
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
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    // BROKEN: the interrupt is dropped, and the wait goes on
                }
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
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    // BROKEN: the interrupt is dropped, and the wait goes on
                }
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
