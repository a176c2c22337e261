package dev.rosetta.exercises.threading;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Classic mistake: a ReentrantLock, unlocked at the end of get() rather than in a finally block.
 * BROKEN: when the supplier throws, the exception leaves get() with the lock still held: every later
 * get(), on any other thread, waits for ever for a lock nobody will release. (synchronized
 * releases its monitor on the way out, whatever happens.)
 */
public class Lazy<T> {
    private final Supplier<T> supplier;
    // written only under the lock; volatile for the lock-free fast path
    private volatile T value;
    private final ReentrantLock lock = new ReentrantLock();

    public Lazy(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    public T get() {
        T v = value;
        if (v != null) {
            return v;
        }
        lock.lock();
        if (value == null) {
            value = supplier.get();
        }
        lock.unlock();              // BROKEN: skipped when the supplier throws
        return value;
    }
}
