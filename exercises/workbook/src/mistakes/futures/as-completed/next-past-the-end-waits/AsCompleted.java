package dev.rosetta.exercises.futures;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Classic mistake: {@code next()} only takes from the queue. Right for every future; BROKEN one
 * step further: {@code next()} after the last one (or with no futures at all) waits in
 * {@code take()} for a future that will never come, instead of throwing
 * {@code NoSuchElementException}, as every {@code Iterator} must. A caller's bug becomes a hang.
 */
public class AsCompleted {
    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        BlockingQueue<CompletableFuture<T>> finished = new LinkedBlockingQueue<>();
        all.forEach(f -> f.whenComplete((r, e) -> finished.add(f)));
        return new Iterator<>() {
            int given;
            public boolean hasNext() { return given < all.size(); }
            public CompletableFuture<T> next() {
                try { CompletableFuture<T> f = finished.take(); given++; return f; }
                catch (InterruptedException e) { Thread.currentThread().interrupt(); throw new CancellationException(); }
            }
        };
    }
}
