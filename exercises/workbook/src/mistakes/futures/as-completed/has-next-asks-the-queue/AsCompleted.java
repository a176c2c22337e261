package dev.rosetta.exercises.futures;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Classic mistake: {@code hasNext()} asks the queue, "is one ready?". BROKEN: while futures are
 * still running and none has finished yet, it says {@code false}, and a
 * {@code while (it.hasNext())} loop ends at once, before a single result, without a word. And
 * after the last one, {@code next()} waits for ever instead of throwing. {@code hasNext()} is
 * "are there futures left to hand out", finished or not.
 */
public class AsCompleted {
    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
        BlockingQueue<CompletableFuture<T>> finished = new LinkedBlockingQueue<>();
        for (CompletableFuture<T> f : new LinkedHashSet<>(futures)) {
            f.whenComplete((r, e) -> finished.add(f));
        }
        return new Iterator<>() {
            public boolean hasNext() { return !finished.isEmpty(); }
            public CompletableFuture<T> next() {
                try {
                    return finished.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
        };
    }
}
