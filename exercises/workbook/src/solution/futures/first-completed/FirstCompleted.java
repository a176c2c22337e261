package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reference solution of {@code futures/first-completed}: one latch of one, counted down by a
 * completion callback on every future (a future already done counts it down at once). The
 * caller sleeps in {@code await()} until the first callback opens it, or the timeout passes;
 * later callbacks count down an open latch, which does nothing. Only then are the futures split,
 * by {@code isDone()}, so that every future finished by now is in {@code done}, not only the one
 * that woke us. A timeout too big for a {@code long} of nanoseconds is no limit at all.
 */
public class FirstCompleted {

    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures, Duration timeout)
            throws InterruptedException {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        var oneFinished = new CountDownLatch(1);
        for (CompletableFuture<T> future : all) {
            future.whenComplete((result, failure) -> oneFinished.countDown());
        }
        if (!all.isEmpty()) {
            if (timeout == null || timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0) {
                oneFinished.await();
            } else {
                oneFinished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        var done = new LinkedHashSet<CompletableFuture<T>>();
        var notDone = new LinkedHashSet<CompletableFuture<T>>();
        for (CompletableFuture<T> future : all) {
            (future.isDone() ? done : notDone).add(future);
        }
        return new DoneAndNotDone<>(done, notDone);
    }
}
