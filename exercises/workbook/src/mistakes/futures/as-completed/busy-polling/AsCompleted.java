package dev.rosetta.exercises.futures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;

/**
 * Classic mistake: busy polling. {@code next()} asks each future {@code isDone()}, round and
 * round, until one says yes. BROKEN: while nothing finishes the thread never sleeps: it burns a
 * whole core doing nothing, slowing down the very tasks it waits for. And when several are done
 * it hands out the first in the list, not the first that finished.
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
                    Thread.onSpinWait();
                }
            }
        };
    }
}
