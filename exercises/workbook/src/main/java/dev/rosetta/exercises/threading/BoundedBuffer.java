package dev.rosetta.exercises.threading;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exercise {@code threading/bounded-buffer}: Python's {@code queue.Queue(maxsize)}, built on a
 * lock and a condition. {@link #put} waits while the buffer is full, {@link #take} waits while
 * it is empty.
 *
 * <p>In Python:
 * <pre>
 * class BoundedBuffer:
 *     def __init__(self, capacity):
 *         self.items = collections.deque()
 *         self.capacity = capacity
 *         self.changed = threading.Condition()
 *
 *     def put(self, item):
 *         with self.changed:
 *             while len(self.items) == self.capacity:
 *                 self.changed.wait()
 *             self.items.append(item)
 *             self.changed.notify_all()
 *
 *     def take(self):
 *         with self.changed:
 *             while not self.items:
 *                 self.changed.wait()
 *             item = self.items.popleft()
 *             self.changed.notify_all()
 *             return item
 * </pre>
 *
 * <p>The fields are ready: a lock, one condition {@code changed} on it ("the buffer changed":
 * producers and consumers both wait on it) and the items. Write {@link #put} and {@link #take}.
 * Run the tests ({@code ./rosetta learn check threading/bounded-buffer}) and read what they say.
 *
 * <p>Chapter: docs/threading.md. Hints: {@code ./rosetta learn hint threading/bounded-buffer}.
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
        throw new UnsupportedOperationException("write put(): holding the lock, wait on 'changed' while the buffer"
                + " is full, then add the item and wake the threads waiting on 'changed'");
    }

    /** Removes and returns the first item, first waiting while the buffer is empty. */
    public T take() throws InterruptedException {
        throw new UnsupportedOperationException("write take(): holding the lock, wait on 'changed' while the buffer"
                + " is empty, then remove the first item, wake the threads waiting on 'changed', and return it");
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
