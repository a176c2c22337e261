package dev.rosetta.exercises.futures;

import java.util.*;
import java.util.concurrent.*;

/** Independent wrong: an interrupt makes next() return null, and the interrupt is forgotten. */
public class AsCompleted {
    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        BlockingQueue<CompletableFuture<T>> finished = new LinkedBlockingQueue<>();
        all.forEach(f -> f.whenComplete((r, e) -> finished.add(f)));
        return new Iterator<>() {
            int given;
            public boolean hasNext() { return given < all.size(); }
            public CompletableFuture<T> next() {
                if (!hasNext()) throw new NoSuchElementException();
                try { CompletableFuture<T> f = finished.take(); given++; return f; }
                catch (InterruptedException e) { return null; }
            }
        };
    }
}
