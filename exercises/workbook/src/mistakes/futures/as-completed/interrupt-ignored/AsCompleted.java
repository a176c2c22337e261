package dev.rosetta.exercises.futures;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Classic mistake: {@code catch (InterruptedException e)} around {@code take()}, and take again,
 * "because an interrupt is not a future". BROKEN: the interrupt is the caller saying "stop
 * waiting" (a shutdown, a cancelled request). Swallowed, the thread waits on for futures that
 * may never finish, and the program cannot stop it. Set the interrupt status again and throw.
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
                if (!hasNext()) throw new NoSuchElementException();
                while (true) {
                    try { CompletableFuture<T> f = finished.take(); given++; return f; }
                    catch (InterruptedException e) { /* try again */ }
                }
            }
        };
    }
}
