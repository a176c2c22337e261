package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Classic mistake: only the winner is done. The first callback to fire names the future that
 * woke us, and {@code done} is just that one. BROKEN: others may be finished too (already before
 * the call, or at the same moment), and they are reported as not done. The caller then waits
 * again for futures that are long finished, or handles results twice, or loses them.
 */
public class FirstCompleted {

    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures)
            throws InterruptedException {
        List<CompletableFuture<T>> all = List.copyOf(futures);
        var winner = new CompletableFuture<CompletableFuture<T>>();
        for (CompletableFuture<T> future : all) {
            future.whenComplete((result, failure) -> winner.complete(future));
        }
        CompletableFuture<T> first;
        try {
            first = winner.get();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
        var notDone = new LinkedHashSet<>(all);
        notDone.remove(first);
        return new DoneAndNotDone<>(Set.of(first), notDone);
    }
}
