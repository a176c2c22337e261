package dev.rosetta.futures;

import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code concurrent.futures.as_completed} and {@code concurrent.futures.wait}, for
 * {@link CompletableFuture}s from any executor (threads, virtual threads, or a process pool).
 *
 * <p>Neither polls. Like CPython, which installs a waiter on each future, both register one
 * completion callback per future and then sleep until a callback wakes them: a thread waiting
 * here is parked, using no CPU, however long it waits. The callbacks run on whichever thread
 * completes the future; they only enqueue or signal.
 *
 * <p>Why {@code CompletableFuture}: a plain {@code Future} from {@code ExecutorService.submit}
 * has no completion callback, so the only way to know it finished is to ask it again and
 * again. Submit with {@code CompletableFuture.supplyAsync(task, executor)} instead (or use the
 * JDK's {@code ExecutorCompletionService}, which is {@code as_completed} for one executor).
 *
 * <p>Thread-safety: stateless; every method may be called from any thread.
 */
public final class Futures {
    private Futures() {
    }

    /** Python's {@code return_when}. */
    public enum ReturnWhen {
        /** Return when any future finishes or is cancelled. */
        FIRST_COMPLETED,
        /** Return when any future fails; if none fails, when all are done. */
        FIRST_EXCEPTION,
        /** Return when all futures are done. */
        ALL_COMPLETED
    }

    /**
     * What {@link #wait} returns: Python's {@code DoneAndNotDoneFutures(done, not_done)}.
     *
     * @param done    the futures that had finished when it returned
     * @param notDone the others
     */
    public record DoneAndNotDone<T>(Set<CompletableFuture<T>> done, Set<CompletableFuture<T>> notDone) {
    }

    /** {@code as_completed(fs)}: the futures in the order they finish, waiting as long as it takes. */
    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
        return asCompleted(futures, null);
    }

    /**
     * {@code as_completed(fs, timeout)}: the futures in the order they finish (those already done
     * first). {@code next()} throws {@link FuturesTimeout} once {@code timeout} has passed since
     * this call with futures still unfinished; null means no limit.
     */
    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures,
                                                                 Duration timeout) {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        BlockingQueue<CompletableFuture<T>> finished = new LinkedBlockingQueue<>();
        all.stream().filter(CompletableFuture::isDone).forEach(finished::add);
        all.stream().filter(f -> !f.isDone()).forEach(f -> f.whenComplete((value, failure) -> finished.add(f)));
        return new Iterator<>() {
            private final Set<CompletableFuture<T>> yielded = new LinkedHashSet<>();

            @Override
            public boolean hasNext() {
                return yielded.size() < all.size();
            }

            @Override
            public CompletableFuture<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                while (true) {
                    CompletableFuture<T> f = take();
                    if (yielded.add(f)) {
                        return f;
                    }
                }
            }

            private CompletableFuture<T> take() {
                try {
                    long left = deadline - System.nanoTime();
                    CompletableFuture<T> f = deadline == Long.MAX_VALUE ? finished.take()
                            : finished.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                    if (f == null) {
                        throw new FuturesTimeout((all.size() - yielded.size()) + " (of " + all.size()
                                + ") futures unfinished when the time given to asCompleted ran out");
                    }
                    return f;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FuturesTimeout("interrupted while waiting for futures to complete");
                }
            }
        };
    }

    /**
     * {@code wait(fs, timeout, return_when)}: blocks until {@code when} holds or {@code timeout}
     * passes (null: no limit), then says which futures are done. It never throws a time-out:
     * look at {@code notDone}.
     */
    public static <T> DoneAndNotDone<T> wait(Collection<CompletableFuture<T>> futures, Duration timeout,
                                             ReturnWhen when) throws InterruptedException {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        var lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        all.forEach(f -> f.whenComplete((value, failure) -> {
            lock.lock();
            try {
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }));
        long left = timeout == null ? Long.MAX_VALUE : timeout.toNanos();
        lock.lock();
        try {
            while (!satisfied(all, when) && left > 0) {
                if (timeout == null) {
                    changed.await();
                } else {
                    left = changed.awaitNanos(left);
                }
            }
        } finally {
            lock.unlock();
        }
        var done = new LinkedHashSet<CompletableFuture<T>>();
        var notDone = new LinkedHashSet<CompletableFuture<T>>();
        all.forEach(f -> (f.isDone() ? done : notDone).add(f));
        return new DoneAndNotDone<>(done, notDone);
    }

    private static boolean satisfied(List<? extends CompletableFuture<?>> all, ReturnWhen when) {
        return switch (when) {
            case FIRST_COMPLETED -> all.stream().anyMatch(CompletableFuture::isDone);
            case FIRST_EXCEPTION -> all.stream().anyMatch(CompletableFuture::isCompletedExceptionally)
                    || all.stream().allMatch(CompletableFuture::isDone);
            case ALL_COMPLETED -> all.stream().allMatch(CompletableFuture::isDone);
        };
    }
}
