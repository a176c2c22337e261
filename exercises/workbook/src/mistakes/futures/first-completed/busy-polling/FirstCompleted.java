package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Classic mistake: busy polling, {@code while (none is done) { }}. The answer is right, but
 * BROKEN: the waiting thread never sleeps. It burns a core for as long as the wait lasts, and on
 * a small machine that core is one the futures' own tasks needed.
 */
public class FirstCompleted {

    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures, Duration timeout) {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        long start = System.nanoTime();
        while (!all.isEmpty() && all.stream().noneMatch(CompletableFuture::isDone)
                && (timeout == null || Duration.ofNanos(System.nanoTime() - start).compareTo(timeout) < 0)) {
            Thread.onSpinWait();
        }
        var done = new LinkedHashSet<CompletableFuture<T>>();
        var notDone = new LinkedHashSet<CompletableFuture<T>>();
        for (CompletableFuture<T> future : all) {
            (future.isDone() ? done : notDone).add(future);
        }
        return new DoneAndNotDone<>(done, notDone);
    }
}
