package dev.rosetta.exercises.threading;

import java.util.function.Supplier;

/**
 * Classic mistake: double-checked locking with a plain field (the version JCIP's chapter 16 takes apart).
 * BROKEN: the fast path reads the field without a lock. Without volatile, nothing orders the writes
 * that build the object before the write that publishes it, for a reader without the lock: another
 * thread may see the reference and a half-built object behind it. x86 hides it; ARM and the JIT do not.
 */
public class Lazy<T> {
    private final Supplier<T> supplier;
    // written only under the lock, read without it on the fast path: not volatile  // BROKEN
    private T value;

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
