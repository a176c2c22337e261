package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;

/** Independent wrong: wait/notify without a condition: a future done before the wait has already notified nobody. */
public class FirstCompleted {
    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures, Duration timeout) throws InterruptedException {
        Object lock = new Object();
        futures.forEach(f -> f.whenComplete((r, e) -> { synchronized (lock) { lock.notifyAll(); } }));
        synchronized (lock) {
            if (!futures.isEmpty()) {
                if (timeout == null) lock.wait();
                else if (!timeout.isZero()) lock.wait(Math.max(1, Math.min(timeout.toSeconds(), 1_000_000_000L) * 1000));
            }
        }
        var done = new LinkedHashSet<CompletableFuture<T>>();
        var notDone = new LinkedHashSet<CompletableFuture<T>>();
        futures.forEach(f -> (f.isDone() ? done : notDone).add(f));
        return new DoneAndNotDone<>(done, notDone);
    }
}
