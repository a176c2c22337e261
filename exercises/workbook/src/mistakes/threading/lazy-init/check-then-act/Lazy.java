package dev.rosetta.exercises.threading;

import java.util.function.Supplier;

/**
 * Classic mistake: {@code volatile}, "so every thread sees the value".
 * BROKEN: the check and the act are still two steps. Two threads can both read null before
 * either has stored its value: both call the supplier, and they return different objects.
 */
public class Lazy<T> {
    private final Supplier<T> supplier;
    private volatile T value;

    public Lazy(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    public T get() {
        if (value == null) {
            value = supplier.get();
        }
        return value;
    }
}
