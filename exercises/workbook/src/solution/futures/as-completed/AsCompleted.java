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
 * Reference solution of {@code futures/as-completed}: every future gets one completion callback
 * that puts it into a blocking queue, so the queue holds the futures in the order they finished
 * (a future already done runs its callback at once, so those come first). {@code next()} is a
 * {@code take()}: the thread sleeps in the queue until a callback adds one. The queue is
 * thread-safe because the callbacks run on whichever threads complete the futures. A future given
 * twice is one future (a set, as Python's {@code set(fs)}); interrupted in {@code take()}, {@code next()}
 * sets the interrupt status again and throws, so the caller still sees the interrupt.
 */
public class AsCompleted {

    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures)); // a future given twice: once
        BlockingQueue<CompletableFuture<T>> finished = new LinkedBlockingQueue<>();
        for (CompletableFuture<T> future : all) {
            future.whenComplete((result, failure) -> finished.add(future));
        }
        return new Iterator<>() {
            private int handedOut;

            @Override
            public boolean hasNext() {
                return handedOut < all.size();
            }

            @Override
            public CompletableFuture<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("all " + all.size() + " futures have been handed out");
                }
                try {
                    CompletableFuture<T> next = finished.take();
                    handedOut++;
                    return next;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for the next future to finish");
                }
            }
        };
    }
}
