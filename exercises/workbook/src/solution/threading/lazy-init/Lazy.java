package dev.rosetta.exercises.threading;

import java.util.function.Supplier;

/**
 * Reference solution of {@code threading/lazy-init}: double-checked locking.
 *
 * <p>The fast path reads a {@code volatile} field without a lock: once the value is published,
 * every caller sees it fully built (a volatile write happens-before every later read of it).
 * The slow path takes the lock and checks again, because another thread may have computed the
 * value while this one waited for the lock. Python's version is the same shape, with a
 * {@code threading.Lock}.
 */
public class Lazy<T> {
    private final Supplier<T> supplier;
    // written only under the lock; volatile for the lock-free fast path
    private volatile T value;

    public Lazy(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    public T get() {
        T v = value;
        if (v != null) {
            return v;
        }
        synchronized (this) {
            if (value == null) {
                value = supplier.get();
            }
            return value;
        }
    }
}
