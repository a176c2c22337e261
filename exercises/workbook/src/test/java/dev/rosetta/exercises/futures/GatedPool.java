package dev.rosetta.exercises.futures;

import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A thread pool whose threads take a task only when the test lets them: the test decides when
 * tasks start and in which order (oldest first, or newest first to make tasks finish in the
 * reverse of the order they were given). So an ordering the test wants happens on every run,
 * not when the scheduler feels like it. Futures from {@code submit} are {@code FutureTask}s, as
 * on any {@link AbstractExecutorService}; a cancelled one that is taken later does nothing.
 *
 * <pre>
 *   execute(task) --> queue --admit(n) / open()--> a pool thread runs it
 * </pre>
 *
 * <p>Thread-safety: every method may be called from any thread. Fields marked so are guarded by {@code lock}.
 */
final class GatedPool extends AbstractExecutorService {
    /** Which queued task a pool thread takes next. */
    enum Order { OLDEST_FIRST, NEWEST_FIRST }

    private final Order order;
    private final List<Thread> threads = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Runnable> queue = new ArrayDeque<>(); // guarded by lock
    private int admitted;                                      // guarded by lock
    private boolean open;                                      // guarded by lock
    private boolean shutdown;                                  // guarded by lock

    /** {@code threads} threads called {@code name-worker-N}; none takes a task until admitted. */
    GatedPool(int threads, String name, Order order) {
        this.order = order;
        for (int i = 0; i < threads; i++) {
            this.threads.add(Thread.ofPlatform().name(name + "-worker-" + i).start(this::work));
        }
    }

    private void work() {
        while (true) {
            Runnable task;
            lock.lock();
            try {
                while (queue.isEmpty() || !open && admitted == 0) {
                    if (shutdown && (queue.isEmpty() || !open)) {
                        return;
                    }
                    changed.awaitUninterruptibly();
                }
                task = order == Order.OLDEST_FIRST ? queue.pollFirst() : queue.pollLast();
                if (!open) {
                    admitted--;
                }
            } finally {
                lock.unlock();
            }
            Thread.interrupted(); // a cancel(true) of the last task must not reach the next
            task.run();
        }
    }

    /** Lets the pool threads take {@code n} more tasks. */
    void admit(int n) {
        update(() -> admitted += n);
    }

    /** Lets the pool threads take every task, now and from now on. */
    void open() {
        update(() -> open = true);
    }

    /** How many tasks wait in the queue. */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code n} tasks wait in the queue, at most {@code limit}; whether they do. */
    boolean awaitQueued(int n, Duration limit) throws InterruptedException {
        return awaitQueued(n, limit, () -> false);
    }

    /**
     * Waits until at least {@code n} tasks wait in the queue, at most {@code limit}, giving up as
     * soon as {@code hopeless} says no more will come (it is asked every few milliseconds); whether they do.
     */
    boolean awaitQueued(int n, Duration limit, BooleanSupplier hopeless) throws InterruptedException {
        long left = limit.toNanos();
        long tick = Duration.ofMillis(5).toNanos();
        lock.lock();
        try {
            while (queue.size() < n && left > 0 && !hopeless.getAsBoolean()) {
                long slept = Math.min(left, tick);
                changed.awaitNanos(slept);
                left -= slept;
            }
            return queue.size() >= n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("the test's pool is shut down");
            }
            queue.addLast(task);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** No new tasks; the threads end once the queue is empty (or at once, if the pool was never opened). */
    @Override
    public void shutdown() {
        update(() -> shutdown = true);
    }

    @Override
    public List<Runnable> shutdownNow() {
        lock.lock();
        try {
            shutdown = true;
            var dropped = new ArrayList<>(queue);
            queue.clear();
            changed.signalAll();
            threads.forEach(Thread::interrupt);
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        return isShutdown() && threads.stream().noneMatch(Thread::isAlive);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Thread t : threads) {
            t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        return isTerminated();
    }

    /** Opens the gate, runs what is queued (cancelled tasks do nothing) and waits for the threads to end. */
    @Override
    public void close() {
        open();
        shutdown();
        try {
            if (!awaitTermination(TimeLimits.LONG.toNanos(), TimeUnit.NANOSECONDS)) {
                shutdownNow();
                awaitTermination(TimeLimits.MEDIUM.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
