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
 * Classic mistake: {@code await(timeout.toNanos(), NANOSECONDS)} for every timeout. Right for
 * seconds, minutes, days; BROKEN for a huge one: {@code ChronoUnit.FOREVER} (or anything beyond
 * 292 years) does not fit in a {@code long} of nanoseconds, and {@code toNanos()} throws
 * {@code ArithmeticException}. A caller who means "no limit" by a very large timeout gets an
 * exception instead of a wait. Compare first, and treat what does not fit as no limit.
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
            if (timeout == null) {
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
