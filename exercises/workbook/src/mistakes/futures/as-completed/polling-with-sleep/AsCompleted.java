package dev.rosetta.exercises.futures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * Classic mistake: polling with a nap. {@code next()} asks each future {@code isDone()}, then
 * sleeps a millisecond and asks again. BROKEN: it looks calmer than a spin, but it still wakes up
 * a thousand times a second to ask, each finish is noticed up to a nap late, and a longer nap
 * only trades CPU for delay. And of several done it picks the first in the list, not the first
 * that finished. A callback wakes the waiter exactly once, at the right moment.
 */
public class AsCompleted {

    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
        List<CompletableFuture<T>> pending = new ArrayList<>(futures);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !pending.isEmpty();
            }

            @Override
            public CompletableFuture<T> next() {
                if (pending.isEmpty()) {
                    throw new NoSuchElementException();
                }
                while (true) {
                    for (Iterator<CompletableFuture<T>> i = pending.iterator(); i.hasNext(); ) {
                        CompletableFuture<T> future = i.next();
                        if (future.isDone()) {
                            i.remove();
                            return future;
                        }
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted");
                    }
                }
            }
        };
    }
}
