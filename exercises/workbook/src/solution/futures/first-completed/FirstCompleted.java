package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * Reference solution of {@code futures/first-completed}: one latch of one, counted down by a
 * completion callback on every future (a future already done counts it down at once). The
 * caller sleeps in {@code await()} until the first callback opens it; later callbacks count down
 * an open latch, which does nothing. Only then are the futures split, by {@code isDone()}, so
 * that every future finished by now is in {@code done}, not only the one that woke us.
 */
public class FirstCompleted {

    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures)
            throws InterruptedException {
        List<CompletableFuture<T>> all = List.copyOf(futures);
        var oneFinished = new CountDownLatch(1);
        for (CompletableFuture<T> future : all) {
            future.whenComplete((result, failure) -> oneFinished.countDown());
        }
        if (!all.isEmpty()) {
            oneFinished.await();
        }
        var done = new LinkedHashSet<CompletableFuture<T>>();
        var notDone = new LinkedHashSet<CompletableFuture<T>>();
        for (CompletableFuture<T> future : all) {
            (future.isDone() ? done : notDone).add(future);
        }
        return new DoneAndNotDone<>(done, notDone);
    }
}
