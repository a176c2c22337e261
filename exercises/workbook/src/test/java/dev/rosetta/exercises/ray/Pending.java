package dev.rosetta.exercises.ray;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Refs that the test makes ready itself, when it chooses: {@link #value(int)} is the future
 * behind the i-th ref made. {@link #completeAll} ends a test with every one of them done, so
 * that nothing is left waiting for them.
 *
 * <p>Thread-safety: make and complete from the test thread.
 *
 * @param <T> the values' type
 */
final class Pending<T> {
    private final List<CompletableFuture<T>> values = new ArrayList<>();

    /** One ref, not ready. */
    ObjectRef<T> ref(String name) {
        var value = new CompletableFuture<T>();
        values.add(value);
        return ObjectRef.of(name, value);
    }

    /** {@code n} refs, named {@code prefix0}, {@code prefix1} ..., none ready. */
    List<ObjectRef<T>> refs(String prefix, int n) {
        var refs = new ArrayList<ObjectRef<T>>();
        for (int i = 0; i < n; i++) {
            refs.add(ref(prefix + i));
        }
        return refs;
    }

    /** The future behind the {@code i}-th ref made. */
    CompletableFuture<T> value(int i) {
        return values.get(i);
    }

    /** Completes, with {@code late}, every one not done yet. */
    void completeAll(T late) {
        values.forEach(value -> value.complete(late));
    }
}
