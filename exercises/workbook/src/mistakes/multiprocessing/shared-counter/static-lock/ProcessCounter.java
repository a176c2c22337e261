package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.SharedMemory;

/**
 * Exercise {@code multiprocessing/shared-counter}: a counter that several <em>processes</em>
 * increment, kept in shared memory.
 *
 * <p>In Python:
 * <pre>
 * counter = multiprocessing.Value("q", 0)     # a number in shared memory, with a lock
 * def work(n):
 *     for _ in range(n):
 *         with counter.get_lock():
 *             counter.value += 1
 * </pre>
 *
 * <p>Each worker process opens the counter by name ({@link #attach}) and calls
 * {@link #increment()} as fast as it can; the total must be exact. Right now it is not: run
 * {@code ./rosetta learn check multiprocessing/shared-counter}. Chapter: docs/multiprocessing.md.
 */
public final class ProcessCounter implements AutoCloseable {
    private static final java.util.concurrent.locks.ReentrantLock LOCK = new java.util.concurrent.locks.ReentrantLock();
    private final SharedMemory memory;

    private ProcessCounter(SharedMemory memory) {
        this.memory = memory;
    }

    /** Creates the counter (8 bytes of shared memory, zero) under {@code name}. */
    public static ProcessCounter create(String name) {
        return new ProcessCounter(SharedMemory.create(name, 8));
    }

    /** Opens the counter {@code name} created by another process. */
    public static ProcessCounter attach(String name) {
        return new ProcessCounter(SharedMemory.attach(name));
    }

    /** Adds one. Called by several processes at the same time. */
    public void increment() {
        LOCK.lock();
        try {
            memory.setLong(0, memory.getLong(0) + 1);
        } finally {
            LOCK.unlock();
        }
    }

    /** The count. */
    public long get() {
        return memory.getLong(0);
    }

    /** Unmaps this process's view. */
    @Override
    public void close() {
        memory.close();
    }

    /** Removes the counter's name (the creator, once, at the end). */
    public void unlink() {
        memory.unlink();
    }
}
