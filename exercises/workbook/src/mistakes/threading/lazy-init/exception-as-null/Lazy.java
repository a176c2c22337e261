package dev.rosetta.exercises.threading;

import java.util.function.Supplier;

/**
 * Classic mistake: catch the supplier's exception and return null, "so that get() never throws".
 * BROKEN: the caller gets null instead of the reason the value could not be made, and fails later,
 * far from the cause, with a NullPointerException. Let the exception through; store nothing, so
 * that the next get() tries again.
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
                try {
                    value = supplier.get();
                } catch (RuntimeException e) {
                    return null;        // BROKEN: the failure becomes null
                }
            }
            return value;
        }
    }
}
