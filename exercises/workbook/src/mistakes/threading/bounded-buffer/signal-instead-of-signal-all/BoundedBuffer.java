package dev.rosetta.exercises.threading;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Classic mistake: {@code signal()} where {@code signalAll()} is needed.
 * BROKEN: producers and consumers wait on the same condition, and signal() wakes just one of
 * them, the one that has waited longest, whatever its kind. A consumer that takes an item may
 * wake another consumer (which finds the buffer empty and waits again) instead of the producer
 * waiting for room: the wake-up is lost and the producer sleeps on beside an empty buffer.
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
            changed.signal();
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
            changed.signal();
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
