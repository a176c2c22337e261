package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Classic mistake: only the winner is done. The first callback to fire names the future that
 * woke us, and {@code done} is just that one. BROKEN: others may be finished too (already before
 * the call, or at the same moment), and they are reported as not done. The caller then waits
 * again for futures that are long finished, or handles results twice, or loses them.
 */
public class FirstCompleted {

    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures, Duration timeout)
            throws InterruptedException {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        var winner = new CompletableFuture<CompletableFuture<T>>();
        for (CompletableFuture<T> future : all) {
            future.whenComplete((result, failure) -> winner.complete(future));
        }
        CompletableFuture<T> first;
        try {
            if (all.isEmpty()) {
                return new DoneAndNotDone<>(Set.of(), Set.of());
            } else if (timeout == null || timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0) {
                first = winner.get();
            } else {
                first = winner.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException nothingYet) {
            return new DoneAndNotDone<>(Set.of(), new LinkedHashSet<>(all));
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
        var notDone = new LinkedHashSet<>(all);
        notDone.remove(first);
        return new DoneAndNotDone<>(Set.of(first), notDone);
    }
}
