package dev.rosetta.exercises.joblib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code joblib/unordered-generator}. Tasks are held by latches, so which one
 * finishes first, and which one is running when {@code close()} is called, is the same on every
 * run. The contract, one property per test:
 * <ul>
 *   <li>{@code next()} hands out results in the order the tasks finish, not the order they were given.</li>
 *   <li>Every result is handed out exactly once; then {@code hasNext()} is false.</li>
 *   <li>{@code close()}: the tasks not started yet never start.</li>
 *   <li>{@code close()} interrupts the tasks running, and returns only when none of them still runs.</li>
 *   <li>A consumer interrupted while waiting in {@code next()} gets an exception, its interrupt flag still set.</li>
 *   <li>After {@code close()}, {@code hasNext()} is false; a second {@code close()} does nothing.</li>
 * </ul>
 */
@TimeLimit(seconds = 30)
class UnorderedTest {
    private final List<ExecutorService> pools = new ArrayList<>();
    private final List<Thread> callers = new ArrayList<>();

    private ExecutorService pool(int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("unordered-pool-", 0).factory());
        pools.add(pool);
        return pool;
    }

    /** Runs {@code call} on a thread of its own, so that the test can bound how long it waits for it. */
    private <T> FutureTask<T> inBackground(String name, Callable<T> call) {
        var task = new FutureTask<>(call);
        callers.add(Thread.ofPlatform().name(name).start(task));
        return task;
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS), "a task would not stop");
        }
        for (Thread caller : callers) {
            caller.join(TimeLimits.MEDIUM);
        }
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        latch.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    @DisplayName("results in the order the tasks finish")
    void inTheOrderTheyFinish() throws Exception {
        var release0 = new CountDownLatch(1);
        List<Callable<String>> tasks = List.of(() -> {
            await(release0);
            return "task 0";
        }, () -> "task 1");
        var results = new Unordered<>(pool(2), tasks);
        var first = inBackground("unordered-consumer", results::next);
        try {
            assertEquals("task 1", first.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS),
                    "task 1 finished while task 0 was held: the first result handed out must be task 1's");
        } catch (TimeoutException e) {
            fail("task 1 had finished, and " + TimeLimits.MEDIUM.toMillis() + " ms later next() was still waiting:"
                    + " next() waited for task 0, which is held until a result has been handed out. Hand out"
                    + " results in the order the tasks finish, not the order they were given.");
        } finally {
            release0.countDown();
        }
        assertEquals("task 0", results.next(), "task 0 was released: the second result must be task 0's");
        assertFalse(results.hasNext(), "both results were handed out: hasNext() must be false");
    }

    @Test
    @DisplayName("every result once, then hasNext() is false")
    void everyResultOnce() {
        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 6; i++) {
            int value = i;
            tasks.add(() -> value);
        }
        var results = new Unordered<>(pool(2), tasks);
        var seen = new ArrayList<Integer>();
        for (int i = 0; i < 6; i++) {
            assertTrue(results.hasNext(), "after " + i + " of 6 results, hasNext() must still be true");
            seen.add(results.next());
        }
        seen.sort(null);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), seen, "6 tasks: each result exactly once");
        assertFalse(results.hasNext(), "all 6 results were handed out: hasNext() must be false");
    }

    @Test
    @DisplayName("close(): the tasks not started never start")
    void closeCancelsWhatHasNotStarted() throws Exception {
        var started = new ConcurrentSkipListSet<Integer>();
        var running0 = new CountDownLatch(1);
        var release0 = new CountDownLatch(1);
        var tasks = new ArrayList<Callable<Integer>>();
        tasks.add(() -> {
            started.add(0);
            running0.countDown();
            try {
                await(release0);
            } catch (InterruptedException e) {
                // asked to stop: stop
            }
            return 0;
        });
        for (int i = 1; i < 5; i++) {
            int index = i;
            tasks.add(() -> {
                started.add(index);
                return index;
            });
        }
        ExecutorService pool = pool(1); // task 0 runs; tasks 1 to 4 wait in the queue
        var results = new Unordered<>(pool, tasks);
        await(running0);
        var close = inBackground("unordered-closer", () -> {
            results.close();
            return null;
        });
        try {
            close.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // another test's property (close interrupts what runs); here, let task 0 end
        }
        release0.countDown();
        close.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS);
        assertFalse(results.hasNext(), "closed (on another thread) with 5 results not handed out: hasNext() must be"
                + " false");
        pool.shutdown(); // whatever is still queued runs now; a cancelled task does nothing
        assertTrue(pool.awaitTermination(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS), "the pool would not stop");
        Set<Integer> ranAfterClose = new TreeSet<>(started);
        ranAfterClose.remove(0);
        if (!ranAfterClose.isEmpty()) {
            fail("tasks " + ranAfterClose + " were still queued when close() was called, and they ran anyway once the"
                    + " thread was free: close() must make sure that what has not started never starts"
                    + " (future.cancel(...) on every future)");
        }
    }

    @Test
    @DisplayName("close() interrupts the running tasks, and returns only when none still runs")
    void closeInterruptsAndWaits() throws Exception {
        var running0 = new CountDownLatch(1);
        var interrupted = new CountDownLatch(1);
        var mayStop = new CountDownLatch(1);
        var release0 = new CountDownLatch(1);
        var stopped = new java.util.concurrent.atomic.AtomicBoolean();
        List<Callable<Integer>> tasks = List.of(() -> {
            running0.countDown();
            try {
                await(release0);
            } catch (InterruptedException e) {
                interrupted.countDown();
                mayStop.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS); // tidying up before it stops
                stopped.set(true);
                throw e; // and it stops the way an interrupted task does
            }
            stopped.set(true);
            return 0;
        });
        var results = new Unordered<>(pool(1), tasks);
        await(running0);
        var close = inBackground("unordered-closer", () -> {
            results.close();
            return stopped.get();
        });
        Thread closer = callers.getLast();
        try {
            if (!interrupted.await(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("close() was called while task 0 was running, and " + TimeLimits.MEDIUM.toMillis() + " ms later"
                        + " task 0 had not been interrupted: close() did not interrupt the running task."
                        + " future.cancel(true) interrupts it; cancel(false) lets it run on.");
            }
            if (returnsBeforeItWaits(close, closer)) {
                fail("close() returned while task 0 was still running (interrupted, and tidying up before it stops):"
                        + " close() must return only when no task is running any more. Count the tasks running,"
                        + " and wait until the count is 0.");
            }
        } finally {
            mayStop.countDown();
            release0.countDown();
        }
        try {
            assertTrue(close.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS),
                    "close() returned before task 0 had stopped: it must wait until no task runs");
        } catch (TimeoutException e) {
            fail("task 0 had stopped, and " + TimeLimits.MEDIUM.toMillis() + " ms later close() was still waiting:"
                    + " does each task, when it stops, say so to the close() that waits (signalAll)?");
        } catch (ExecutionException e) {
            throw new AssertionError("close() threw " + e.getCause(), e.getCause());
        }
        assertFalse(results.hasNext(), "closed (on another thread) before its result came: hasNext() must be false");
    }

    /**
     * Whether {@code call} returns before its thread {@code caller} waits for something (parked,
     * or blocked on a lock). While task 0 is held, nothing else can happen: a waiting close() is
     * waiting for it, and one that returns has not waited. A call still busy after
     * {@link TimeLimits#LONG} has not returned either.
     */
    private static boolean returnsBeforeItWaits(FutureTask<?> call, Thread caller) {
        long deadline = System.nanoTime() + TimeLimits.LONG.toNanos();
        while (!call.isDone()) {
            Thread.State state = caller.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED) {
                return false;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    @Test
    @DisplayName("a consumer interrupted while waiting in next() gets an exception, and stays interrupted")
    void interruptedConsumer() throws Exception {
        var release0 = new CountDownLatch(1);
        List<Callable<Integer>> tasks = List.of(() -> {
            await(release0);
            return 0;
        });
        var results = new Unordered<>(pool(1), tasks);
        var consumer = inBackground("unordered-consumer", () -> {
            Thread.currentThread().interrupt(); // as if interrupted while it waits: take() throws at once
            try {
                Integer result = results.next();
                return "next() returned " + result + " to an interrupted consumer";
            } catch (RuntimeException e) {
                return Thread.currentThread().isInterrupted() ? "ok"
                        : "next() threw " + e + ", but the consumer's interrupt flag was cleared: set it again"
                        + " (Thread.currentThread().interrupt()) before throwing, so that its caller knows";
            }
        });
        try {
            assertEquals("ok", consumer.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS), "a consumer"
                    + " interrupted while it waits in next() must get an exception and keep its interrupt flag");
        } catch (TimeoutException e) {
            fail("a consumer interrupted while waiting in next() was still waiting " + TimeLimits.MEDIUM.toMillis()
                    + " ms later: wait in a way an interrupt ends (BlockingQueue.take(), Condition.await())");
        } finally {
            release0.countDown();
        }
    }

    @Test
    @DisplayName("after close(), hasNext() is false; a second close() does nothing")
    void closedIsFinished() {
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3);
        var results = new Unordered<>(pool(1), tasks);
        results.next();
        results.close();
        assertFalse(results.hasNext(), "the generator was closed with 2 results not handed out: hasNext() must be"
                + " false, the caller stopped early");
        results.close();
        assertFalse(results.hasNext(), "closed twice: hasNext() must still be false");
    }
}
