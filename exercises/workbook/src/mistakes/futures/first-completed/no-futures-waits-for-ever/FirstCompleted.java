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
 * Classic mistake: {@code await()} on the latch whatever was given. Right for one future or
 * many; BROKEN for none: no callback will ever count the latch down, so {@code wait([])}, which
 * Python answers at once with two empty sets, never returns (a caller who filters its futures
 * first meets this the day the filter leaves none).
 */
public class FirstCompleted {

    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures, Duration timeout)
            throws InterruptedException {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        var oneFinished = new CountDownLatch(1);
        for (CompletableFuture<T> future : all) {
            future.whenComplete((result, failure) -> oneFinished.countDown());
        }
        if (timeout == null || timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0) {
            oneFinished.await();
        } else {
            oneFinished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        var done = new LinkedHashSet<CompletableFuture<T>>();
        var notDone = new LinkedHashSet<CompletableFuture<T>>();
        for (CompletableFuture<T> future : all) {
            (future.isDone() ? done : notDone).add(future);
        }
        return new DoneAndNotDone<>(done, notDone);
    }
}
