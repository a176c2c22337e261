package dev.rosetta.exercises.threading;

import java.util.function.Supplier;

/**
 * Classic mistake: the lock is there, but the check is outside it only.
 * BROKEN: two threads both see null; one takes the lock and computes; the other waits for the
 * lock, gets it, and computes again, because it never looks a second time.
 */
public class Lazy<T> {
    private final Supplier<T> supplier;
    private volatile T value;

    public Lazy(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    public T get() {
        if (value == null) {
            synchronized (this) {
                value = supplier.get();
            }
        }
        return value;
    }
}
