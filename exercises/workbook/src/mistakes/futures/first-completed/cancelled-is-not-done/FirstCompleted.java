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
 * Classic mistake: {@code done} takes {@code isDone() && !isCancelled()}, "a cancelled future did
 * not complete". BROKEN: in Python and in Java a cancelled future <i>is</i> done ({@code isDone()}
 * says so, and {@code wait} puts it in {@code done}); reported as not done, the caller waits for
 * it again, and nothing will ever finish it.
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
            (future.isDone() && !future.isCancelled() ? done : notDone).add(future);
        }
        return new DoneAndNotDone<>(done, notDone);
    }
}
