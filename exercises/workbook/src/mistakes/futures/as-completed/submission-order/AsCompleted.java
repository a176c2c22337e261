package dev.rosetta.exercises.futures;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Classic mistake: the futures in the order they were given, each waited for in turn
 * ({@code for f in futures: f.result()}). It sleeps while it waits, so it does not poll, but
 * BROKEN: that is {@code map}'s order, not {@code as_completed}'s. A slow first future holds
 * back every quick one behind it, which is exactly what {@code as_completed} exists to avoid.
 */
public class AsCompleted {

    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
        Iterator<CompletableFuture<T>> given = List.copyOf(futures).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return given.hasNext();
            }

            @Override
            public CompletableFuture<T> next() {
                CompletableFuture<T> future = given.next();
                future.handle((result, failure) -> null).join(); // wait, whether it succeeds or fails
                return future;
            }
        };
    }
}
