package dev.rosetta.futures;

import dev.rosetta.common.Waiting;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What Python's {@code concurrent.futures} has and the JDK lacks, over any
 * {@link ExecutorService} (a JDK thread pool, a virtual-thread executor, or a
 * {@link ProcessPoolExecutor}): {@link #submit} with Python's cancel rule, {@link #map} with a
 * timeout and a bounded buffer, {@link #shutdown(ExecutorService, boolean, boolean)} with
 * {@code cancel_futures}, and {@link #asCompleted} / {@link #wait} for
 * {@link CompletableFuture}s from any executor.
 *
 * <pre>{@code
 * try (ExecutorService pool = Executors.newFixedThreadPool(2)) {         // with ThreadPoolExecutor(2) as pool:
 *     var futures = urls.stream().map(u -> Futures.submit(pool, () -> fetch(u))).toList();
 *     for (var f : (Iterable<CompletableFuture<String>>) () -> Futures.asCompleted(futures)) {
 *         System.out.println(f.join());                                  //     print(f.result())
 *     }
 * }
 * }</pre>
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

    /**
     * Python's default {@code max_workers} for a {@code ThreadPoolExecutor}: {@code min(32, cpus + 4)}
     * (at least 5 threads for I/O-bound work, never more than 32).
     */
    public static int defaultThreadPoolWorkers() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    /**
     * {@code executor.submit(fn)}: runs {@code task} on {@code executor} and returns its future,
     * whose {@code cancel()} is Python's: true while the task waits in the queue, false once a
     * thread runs it ({@link TaskFuture}).
     *
     * @throws RejectedExecutionException the executor is shut down (Python: "cannot schedule new
     *                                    futures after shutdown")
     */
    public static <T> TaskFuture<T> submit(ExecutorService executor, Callable<? extends T> task) {
        if (executor instanceof ProcessPoolExecutor) {
            throw new IllegalArgumentException("Futures.submit runs a task on a thread of the executor; a"
                    + " ProcessPoolExecutor sends it to another process: call processPool.submit(task) (a PicklableCallable)");
        }
        var future = new TaskFuture<T>(task);
        try {
            executor.execute(future);
        } catch (RejectedExecutionException e) {
            throw new RejectedExecutionException("cannot schedule new futures after shutdown: " + executor
                    + " refused the task (shutdown() was called, or its queue is full)", e);
        }
        return future;
    }

    /**
     * {@code executor.map(fn, items)}: {@code fn} of every item, run on {@code executor}, the
     * results in the order of the items. Every task is submitted now, as in Python.
     */
    public static <T, R> Results<R> map(ExecutorService executor, Function<? super T, ? extends R> fn,
                                        Iterable<T> items) {
        return map(executor, fn, items, null);
    }

    /**
     * {@code executor.map(fn, items, timeout=...)}: as {@link #map(ExecutorService, Function, Iterable)};
     * {@code next()} throws {@link FuturesTimeout} if a result is not in when {@code timeout},
     * counted from this call, has passed (null: no limit).
     */
    public static <T, R> Results<R> map(ExecutorService executor, Function<? super T, ? extends R> fn,
                                        Iterable<T> items, Duration timeout) {
        refuseProcesses(executor);
        return mapChunks(item -> submitOne(executor, fn, item), items.iterator(), timeout, 0);
    }

    /**
     * {@code executor.map(fn, items, timeout=..., buffersize=n)} (Python 3.14): at most
     * {@code buffersize} tasks are submitted and not yet taken; each result taken submits the
     * next item. So {@code items} may be endless, and a slow consumer holds back the producer.
     *
     * @throws IllegalArgumentException {@code buffersize} is below 1
     */
    public static <T, R> Results<R> map(ExecutorService executor, Function<? super T, ? extends R> fn,
                                        Iterable<T> items, Duration timeout, int buffersize) {
        if (buffersize < 1) {
            throw new IllegalArgumentException("buffersize must be at least 1, was " + buffersize
                    + " (leave it out for no bound)");
        }
        refuseProcesses(executor);
        return mapChunks(item -> submitOne(executor, fn, item), items.iterator(), timeout, buffersize);
    }

    private static void refuseProcesses(ExecutorService executor) {
        if (executor instanceof ProcessPoolExecutor) {
            throw new IllegalArgumentException("Futures.map sends a plain java.util.function.Function, which cannot"
                    + " cross to another process: call processPool.map(fn, items, timeout, chunksize), whose fn is a"
                    + " PicklableFunction");
        }
    }

    private static <T, R> CompletableFuture<List<R>> submitOne(ExecutorService executor,
                                                                Function<? super T, ? extends R> fn, T item) {
        return submit(executor, () -> Collections.<R>singletonList(fn.apply(item)));
    }

    /**
     * The engine of every {@code map}: {@code submit} turns one item (an argument, or a chunk of
     * them) into a future of its results; at most {@code buffersize} futures are ahead of the
     * consumer (0: all at once).
     */
    static <T, R> Results<R> mapChunks(Function<T, CompletableFuture<List<R>>> submit, Iterator<T> items,
                                       Duration timeout, int buffersize) {
        return new Results<>(submit, items, timeout, buffersize);
    }

    /**
     * The results of a {@code map}, in the order of the items: Python's result generator.
     * {@code next()} waits for the next result (within the map's timeout) and throws what its
     * task threw; either way the futures not yet taken are cancelled, as Python does.
     * {@link #close()} cancels them too: stop early inside try-with-resources and nothing queued
     * runs for nothing.
     *
     * <p>Thread-safety: not thread-safe; one consumer takes the results.
     *
     * @param <R> a result
     */
    public static final class Results<R> implements Iterator<R>, AutoCloseable {
        private final Function<Object, CompletableFuture<List<R>>> submit;
        private final Iterator<?> items;
        private final long deadline;
        private final int buffersize;
        private final ArrayDeque<CompletableFuture<List<R>>> ahead = new ArrayDeque<>();
        private Iterator<R> current = Collections.emptyIterator();
        private int taken;

        @SuppressWarnings("unchecked")
        private <T> Results(Function<T, CompletableFuture<List<R>>> submit, Iterator<T> items, Duration timeout,
                            int buffersize) {
            this.submit = (Function<Object, CompletableFuture<List<R>>>) (Function<?, ?>) submit;
            this.items = items;
            this.deadline = deadline(timeout);
            this.buffersize = buffersize;
            while ((buffersize == 0 || ahead.size() < buffersize) && items.hasNext()) {
                ahead.add(this.submit.apply(items.next()));
            }
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && !ahead.isEmpty()) {
                current = take(ahead.poll()).iterator();
                if (items.hasNext()) {
                    ahead.add(submit.apply(items.next()));
                }
            }
            return current.hasNext();
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            taken++;
            return current.next();
        }

        private List<R> take(CompletableFuture<List<R>> next) {
            try {
                return deadline == Long.MAX_VALUE ? next.get()
                        : next.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                int left = 1 + ahead.size();
                close();
                throw new FuturesTimeout("result " + taken + " of the map was not in when its timeout ran out;"
                        + " the " + left + " submitted tasks not yet taken were cancelled (those running go on)");
            } catch (ExecutionException e) {
                close();
                throw Waiting.rethrowable(e);
            } catch (CancellationException e) {
                close();
                throw new CancellationException("result " + taken + " of the map was cancelled");
            } catch (InterruptedException e) {
                close();
                throw Waiting.interrupted("result " + taken + " of the map");
            }
        }

        /** Cancels every submitted task not yet taken (those already running go on, as in Python). */
        @Override
        public void close() {
            ahead.forEach(f -> f.cancel(false));
            ahead.clear();
        }
    }

    /**
     * Python's {@code executor.shutdown(wait, cancel_futures)}: accept no new tasks; with
     * {@code cancelFutures}, cancel the tasks still waiting in the queue (running ones go on: nothing
     * is interrupted, unlike {@code shutdownNow()}); with {@code wait}, return only when every task
     * that was not cancelled has finished.
     *
     * <p>{@code cancelFutures} needs to see the queue: it works on a JDK {@link ThreadPoolExecutor}
     * ({@code Executors.newFixedThreadPool}, {@code newCachedThreadPool}), a
     * {@link ProcessPoolExecutor}, and a thread-per-task executor (which has no queue).
     *
     * @return the futures it cancelled
     * @throws IllegalArgumentException {@code cancelFutures} on an executor whose queue it cannot see
     */
    public static List<Future<?>> shutdown(ExecutorService executor, boolean wait, boolean cancelFutures)
            throws InterruptedException {
        executor.shutdown();
        var cancelled = new ArrayList<Future<?>>();
        if (cancelFutures) {
            cancelled.addAll(cancelQueued(executor));
        }
        if (wait) {
            while (!executor.awaitTermination(1, TimeUnit.DAYS)) {
                // a day at a time, for as long as it takes
            }
        }
        return cancelled;
    }

    /**
     * The class of the JDK's thread-per-task executors ({@code Executors.newVirtualThreadPerTaskExecutor()},
     * {@code newThreadPerTaskExecutor(factory)}): no queue, every task has its thread at once, so
     * there is nothing to cancel. Not public in the JDK, so taken from one made (and closed) here,
     * rather than recognised by its name.
     */
    private static final Class<?> THREAD_PER_TASK;

    static {
        try (ExecutorService sample = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().factory())) {
            THREAD_PER_TASK = sample.getClass();
        }
    }

    private static List<Future<?>> cancelQueued(ExecutorService executor) {
        var cancelled = new ArrayList<Future<?>>();
        switch (executor) {
            case ThreadPoolExecutor threads -> {
                var queued = new ArrayList<Runnable>();
                threads.getQueue().drainTo(queued);
                for (Runnable r : queued) {
                    if (r instanceof Future<?> f && f.cancel(false)) {
                        cancelled.add(f);
                    }
                }
                // again: wakes the idle threads that went to wait on the queue before it was drained
                threads.shutdown();
            }
            case ProcessPoolExecutor processes -> cancelled.addAll(processes.cancelPending());
            default -> {
                if (executor.getClass() != THREAD_PER_TASK) {
                    throw new IllegalArgumentException("cannot cancel the queued tasks of a "
                            + executor.getClass().getName() + ": its queue is hidden. Use Executors.newFixedThreadPool(n)"
                            + " (a ThreadPoolExecutor; newSingleThreadExecutor() hides it: use newFixedThreadPool(1)),"
                            + " a ProcessPoolExecutor, or cancel the futures yourself");
                }
            }
        }
        return cancelled;
    }

    /** {@code as_completed(fs)}: the futures in the order they finish, waiting as long as it takes. */
    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures) {
        return asCompleted(futures, null);
    }

    /**
     * {@code as_completed(fs, timeout)}: the futures in the order they finish (those already done
     * first). {@code next()} throws {@link FuturesTimeout} once {@code timeout} has passed since
     * this call with futures still unfinished; null means no limit. Interrupted while it waits,
     * {@code next()} throws {@link java.util.concurrent.CancellationException} and the thread stays
     * interrupted ({@link Waiting#interrupted}: an interrupt is not a time-out).
     */
    public static <T> Iterator<CompletableFuture<T>> asCompleted(Collection<CompletableFuture<T>> futures,
                                                                 Duration timeout) {
        List<CompletableFuture<T>> all = List.copyOf(new LinkedHashSet<>(futures));
        long deadline = deadline(timeout);
        BlockingQueue<CompletableFuture<T>> finished = new LinkedBlockingQueue<>();
        // one pass: a future already done runs its callback at once, so none can slip between
        // "was it done?" and "register a callback" (two passes lost futures that finished in between)
        all.forEach(f -> f.whenComplete((value, failure) -> finished.add(f)));
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
                    throw Waiting.interrupted("the next of " + (all.size() - yielded.size()) + " unfinished futures in asCompleted");
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
        long left = timeout == null ? Long.MAX_VALUE : nanos(timeout);
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

    /**
     * The {@code System.nanoTime()} at which {@code timeout} runs out; {@code Long.MAX_VALUE}
     * (never) for null and for a timeout too long to add to the clock (over ~146 years, e.g.
     * {@code ChronoUnit.FOREVER.getDuration()}), which would otherwise overflow into the past.
     */
    static long deadline(Duration timeout) {
        if (timeout == null) {
            return Long.MAX_VALUE;
        }
        long nanos = nanos(timeout);
        return nanos >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : System.nanoTime() + nanos;
    }

    /** {@code timeout} in nanoseconds, saturated instead of throwing when it does not fit in a long. */
    static long nanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return timeout.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static boolean satisfied(List<? extends CompletableFuture<?>> all, ReturnWhen when) {
        return switch (when) {
            case FIRST_COMPLETED -> all.stream().anyMatch(CompletableFuture::isDone);
            // a cancelled future is "completed exceptionally" to the JDK, not a failure to Python
            case FIRST_EXCEPTION -> all.stream().anyMatch(f -> f.isCompletedExceptionally() && !f.isCancelled())
                    || all.stream().allMatch(CompletableFuture::isDone);
            case ALL_COMPLETED -> all.stream().allMatch(CompletableFuture::isDone);
        };
    }
}
