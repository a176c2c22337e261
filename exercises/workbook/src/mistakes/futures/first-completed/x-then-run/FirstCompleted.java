package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;

/** Independent wrong: thenRun runs only after a success: a failure never wakes the caller. */
public class FirstCompleted {
    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures, Duration timeout) throws InterruptedException {
        var latch = new CountDownLatch(1);
        futures.forEach(f -> f.thenRun(latch::countDown));
        if (!futures.isEmpty()) {
            if (timeout == null || timeout.compareTo(Duration.ofDays(365)) > 0) latch.await();
            else latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        var done = new LinkedHashSet<CompletableFuture<T>>();
        var notDone = new LinkedHashSet<CompletableFuture<T>>();
        futures.forEach(f -> (f.isDone() ? done : notDone).add(f));
        return new DoneAndNotDone<>(done, notDone);
    }
}
