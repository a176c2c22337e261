package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Classic mistake: wait for each future in turn, then split them. It sleeps while it waits, but
 * BROKEN: that is {@code ALL_COMPLETED}, not {@code FIRST_COMPLETED}. The quick result that
 * finished first sits unhandled until the slowest one is done, and if one never ends, neither
 * does the wait.
 */
public class FirstCompleted {

    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures) {
        List<CompletableFuture<T>> all = List.copyOf(futures);
        for (CompletableFuture<T> future : all) {
            future.handle((result, failure) -> null).join(); // wait, whether it succeeds or fails
        }
        var done = new LinkedHashSet<CompletableFuture<T>>();
        var notDone = new LinkedHashSet<CompletableFuture<T>>();
        for (CompletableFuture<T> future : all) {
            (future.isDone() ? done : notDone).add(future);
        }
        return new DoneAndNotDone<>(done, notDone);
    }
}
