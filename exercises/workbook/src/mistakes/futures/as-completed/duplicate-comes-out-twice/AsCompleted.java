package dev.rosetta.exercises.futures;

import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Classic mistake: one callback per element of the collection, and {@code hasNext()} counting
 * its size. Right until a future is given twice ({@code as_completed([f, g, f])}): BROKEN, it then
 * comes out twice, and the caller handles one result twice (a payment booked twice). Python's
 * {@code as_completed} makes a set of the futures first; so must you.
 */
public class AsCompleted {
    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
        BlockingQueue<CompletableFuture<T>> finished = new LinkedBlockingQueue<>();
        int n = futures.size();
        for (CompletableFuture<T> f : futures) {
            f.whenComplete((r, e) -> finished.add(f));
        }
        return new Iterator<>() {
            int given;
            public boolean hasNext() { return given < n; }
            public CompletableFuture<T> next() {
                if (!hasNext()) throw new NoSuchElementException();
                try { given++; return finished.take(); } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); throw new CancellationException("interrupted"); }
            }
        };
    }
}
