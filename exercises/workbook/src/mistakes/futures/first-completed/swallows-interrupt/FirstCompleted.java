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
 * Classic mistake: {@code catch (InterruptedException e) { }} around the wait, "to keep the
 * signature clean". BROKEN: an interrupt is the caller asking this thread to stop waiting; here
 * it ends the wait early and the method returns as if it had an answer (nothing done, all not
 * done), and the interrupt status is gone, so whoever interrupted never learns it worked. Let
 * the {@code InterruptedException} out: the method declares it.
 */
public class FirstCompleted {

    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures, Duration timeout)
            throws InterruptedException {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        var oneFinished = new CountDownLatch(1);
        for (CompletableFuture<T> future : all) {
            future.whenComplete((result, failure) -> oneFinished.countDown());
        }
        try {
            if (all.isEmpty()) {
                // nothing to wait for
            } else if (timeout == null || timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0) {
                oneFinished.await();
            } else {
                oneFinished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            // woken up: just report what is done
        }
        var done = new LinkedHashSet<CompletableFuture<T>>();
        var notDone = new LinkedHashSet<CompletableFuture<T>>();
        for (CompletableFuture<T> future : all) {
            (future.isDone() ? done : notDone).add(future);
        }
        return new DoneAndNotDone<>(done, notDone);
    }
}
