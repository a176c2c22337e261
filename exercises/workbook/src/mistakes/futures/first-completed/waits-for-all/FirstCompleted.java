package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Classic mistake: wait for each future in turn, then split them. It sleeps while it waits, but
 * BROKEN: that is {@code ALL_COMPLETED}, not {@code FIRST_COMPLETED}. The quick result that
 * finished first sits unhandled until the slowest one is done, and if one never ends, neither
 * does the wait.
 */
public class FirstCompleted {

    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures, Duration timeout)
            throws InterruptedException {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        var allDone = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((result, failure) -> null);
        try {
            if (timeout == null || timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0) {
                allDone.get(); // wait for every one, whether it succeeds or fails
            } else {
                allDone.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // the time is up: split them as they are
        }
        var done = new LinkedHashSet<CompletableFuture<T>>();
        var notDone = new LinkedHashSet<CompletableFuture<T>>();
        for (CompletableFuture<T> future : all) {
            (future.isDone() ? done : notDone).add(future);
        }
        return new DoneAndNotDone<>(done, notDone);
    }
}
