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
 * Classic mistake: {@code Object.wait(timeout.toMillis())} with a flag the callbacks set. It
 * sleeps, wakes at the first finish, and a timeout of 20 ms works; but BROKEN: {@code wait(0)}
 * means "wait for ever", so {@code Duration.ZERO}, which asks "what is done right now?", hangs
 * until a future finishes, perhaps never. (A timeout under a millisecond rounds down to 0 too.)
 */
public class FirstCompleted {

    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures, Duration timeout)
            throws InterruptedException {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        Object lock = new Object();
        boolean[] finished = {false};
        for (CompletableFuture<T> future : all) {
            future.whenComplete((result, failure) -> {
                synchronized (lock) {
                    finished[0] = true;
                    lock.notifyAll();
                }
            });
        }
        synchronized (lock) {
            if (!all.isEmpty() && !finished[0]) {
                boolean forEver = timeout == null || timeout.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0;
                lock.wait(forEver ? 0 : timeout.toMillis());    // BROKEN: a timeout of 0 is "for ever" to wait()
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
