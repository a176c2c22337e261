package dev.rosetta.exercises.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code futures/cancel-on-failure}. The contract, one test each:
 * <ul>
 *   <li>every task is submitted before {@code runAll} waits, and the results come back in the order
 *       of the tasks, not the order they finished;</li>
 *   <li>the first failure is thrown at once, without waiting for the tasks still running, as an
 *       {@code ExecutionException} whose cause is the task's own exception;</li>
 *   <li>cancellation reaches exactly what it must: every task still queued never starts; a task
 *       already running is left to finish, not interrupted; the executor is not shut down;</li>
 *   <li>the failure thrown is the failing task's, wherever it stands in the list: never the
 *       {@code CancellationException} of a task {@code runAll} cancelled itself;</li>
 *   <li>the caller's interrupt while it waits: {@code InterruptedException}, and its queued tasks
 *       cancelled all the same (nothing left behind);</li>
 *   <li>no tasks: an empty list, at once.</li>
 * </ul>
 * The test's pool ({@link GatedPool}) lets its threads take a task only when the test says so,
 * so which tasks run, and in which order, is the same on every run.
 */
@TimeLimit(seconds = 10)
class FailFastTest {
    /** How long runAll may take to notice a failure that has happened. */
    private static final Duration SOON = TimeLimits.scaled(Duration.ofSeconds(3));

    /** All tasks succeed, finishing in the reverse order: the results are still in the order of the tasks. */
    @Test
    @DisplayName("results come back in the order of the tasks, not the order they finished")
    void resultsInTheOrderOfTheTasks() throws Exception {
        var tasks = new ArrayList<Callable<String>>();
        for (int i = 0; i < 4; i++) {
            String result = "result " + i;
            tasks.add(() -> result);
        }
        var pool = new GatedPool(1, "fail-fast-pool", GatedPool.Order.NEWEST_FIRST);
        Background<List<String>> caller = Background.start("fail-fast-caller", () -> FailFast.runAll(pool, tasks));
        try {
            if (!queuedOrEnded(pool, 4, caller)) {
                caller.rethrowFailure("runAll");
                fail("runAll had handed only " + pool.queued() + " of its 4 tasks to the executor " + SOON.toMillis()
                        + " ms after it was called: submit every task first, then wait for them");
            }
            pool.open(); // one thread, newest task first: they finish 3, 2, 1, 0
            if (!caller.finishedWithin(TimeLimits.MEDIUM)) {
                fail("all 4 tasks had finished, and " + TimeLimits.MEDIUM.toMillis()
                        + " ms later runAll had not returned");
            }
            if (caller.failure() != null) {
                throw new AssertionError("all 4 tasks succeeded, yet runAll threw " + caller.failure(), caller.failure());
            }
            assertEquals(List.of("result 0", "result 1", "result 2", "result 3"), caller.result(),
                    "the tasks finished in the order 3, 2, 1, 0: runAll must return each result in its task's place");
        } finally {
            pool.close();
            caller.finish();
        }
    }

    /**
     * Task 1 fails while task 0 still runs and tasks 2 to 5 wait in the queue: runAll throws
     * task 1's exception at once, and tasks 2 to 5 never start.
     */
    @Test
    @DisplayName("the first failure is thrown at once, and the tasks not started never start")
    void firstFailureCancelsTheRest() throws Exception {
        var started = new ConcurrentSkipListSet<Integer>();
        var task0Running = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var task0Interrupted = new AtomicBoolean();
        var diskFull = new IllegalStateException("task 1 failed: the disk is full");
        var tasks = new ArrayList<Callable<String>>();
        tasks.add(() -> {
            started.add(0);
            task0Running.countDown();
            try {
                release.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                task0Interrupted.set(true);
                throw e;
            }
            return "result 0";
        });
        tasks.add(() -> {
            started.add(1);
            task0Running.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
            throw diskFull;
        });
        for (int i = 2; i < 6; i++) {
            tasks.add(quick(i, started));
        }
        var pool = new GatedPool(2, "fail-fast-pool", GatedPool.Order.OLDEST_FIRST);
        pool.admit(2); // two threads take tasks 0 and 1; tasks 2 to 5 stay queued
        Background<List<String>> caller = Background.start("fail-fast-caller", () -> FailFast.runAll(pool, tasks));
        boolean shutDownByRunAll;
        try {
            if (!caller.finishedWithin(SOON)) {
                fail("task 1 failed, and " + SOON.toMillis() + " ms later runAll was still waiting: for task 0,"
                        + " which runs until it is released. runAll must stop at the first failure, whenever it"
                        + " happens (Futures.wait with FIRST_EXCEPTION, or an ExecutorCompletionService), not wait"
                        + " for each task in turn, nor for all of them.");
            }
            shutDownByRunAll = pool.isShutdown();
            if (caller.failure() == null) {
                fail("task 1 failed (" + diskFull.getMessage() + "), yet runAll returned " + caller.result()
                        + ": the failure was lost. Throw an ExecutionException whose cause is the task's exception.");
            }
            if (!(caller.failure() instanceof ExecutionException e) || e.getCause() != diskFull) {
                throw new AssertionError("task 1 failed with " + diskFull + ": runAll must throw an ExecutionException"
                        + " whose cause is that exception, but threw " + caller.failure(), caller.failure());
            }
        } finally {
            release.countDown();
            pool.close(); // now every queued task gets a thread: a cancelled one does nothing
            caller.finish();
        }
        assertFalse(shutDownByRunAll, "runAll shut the executor down: it belongs to the caller, who may have other"
                + " work on it. Cancel the futures instead.");
        Set<Integer> ranAfterTheFailure = new TreeSet<>(started);
        ranAfterTheFailure.removeAll(Set.of(0, 1));
        if (!ranAfterTheFailure.isEmpty()) {
            fail("tasks " + ranAfterTheFailure + " were still queued when task 1 failed, and they ran anyway once a"
                    + " thread was free: runAll threw without cancelling them. Cancel every future that is not done"
                    + " (future.cancel(...)) before throwing, so that what is still queued never starts.");
        }
        if (task0Interrupted.get()) {
            fail("task 0 was running when task 1 failed, and runAll interrupted it (cancel(true) on a FutureTask, or"
                    + " shutdownNow): cancellation must reach only what has not started. A running task is left to"
                    + " finish, as Python's cancel() leaves it; use cancel(false).");
        }
    }

    /** The failure is the last task's while the tasks before it wait in the queue: its own exception is thrown. */
    @Test
    @DisplayName("the failure thrown is the failing task's, not a cancellation runAll caused itself")
    void theFailureThrownIsTheTasksOwn() throws Exception {
        var started = new ConcurrentSkipListSet<Integer>();
        var outOfStock = new IllegalStateException("task 2 failed: out of stock");
        var tasks = new ArrayList<Callable<String>>();
        for (int i = 0; i < 2; i++) {
            tasks.add(quick(i, started));
        }
        tasks.add(() -> {
            started.add(2);
            throw outOfStock;
        });
        var pool = new GatedPool(1, "fail-fast-pool", GatedPool.Order.NEWEST_FIRST);
        Background<List<String>> caller = Background.start("fail-fast-caller", () -> FailFast.runAll(pool, tasks));
        try {
            if (!queuedOrEnded(pool, 3, caller)) {
                caller.rethrowFailure("runAll");
                fail("runAll had handed only " + pool.queued() + " of its 3 tasks to the executor " + SOON.toMillis()
                        + " ms after it was called: submit every task first, then wait for them");
            }
            pool.admit(1); // the newest, task 2, runs and fails; tasks 0 and 1 stay queued
            if (!caller.finishedWithin(SOON)) {
                fail("task 2 failed while tasks 0 and 1 were still queued, and " + SOON.toMillis() + " ms later runAll"
                        + " was still waiting (for task 0, in turn?): it must stop at the first failure");
            }
            Throwable thrown = caller.failure();
            if (causedByCancelling(thrown, outOfStock)) {
                fail("task 2 failed (" + outOfStock.getMessage() + "), and runAll threw " + thrown + ", not task 2's"
                        + " failure: that is what a future runAll cancelled itself gives (the CancellationException of a"
                        + " cancelled task, or exceptionNow()'s IllegalStateException on it). Tasks 0 and 1 were queued:"
                        + " runAll cancelled them first and then looked for the failure in the order of the tasks, where"
                        + " a cancelled future counts as failed too (isCompletedExceptionally). Find the failed task"
                        + " before cancelling the rest.");
            }
            if (!(thrown instanceof ExecutionException e) || e.getCause() != outOfStock) {
                throw new AssertionError("task 2 failed with " + outOfStock + ": runAll must throw an ExecutionException"
                        + " whose cause is that exception, but " + (thrown == null ? "returned " + caller.result()
                        : "threw " + thrown), thrown);
            }
        } finally {
            pool.close();
            caller.finish();
        }
        assertEquals(Set.of(2), started, "tasks 0 and 1 were queued when task 2 failed: they must never start");
    }

    /** Interrupted while it waits, runAll throws InterruptedException and cancels its queued tasks. */
    @Test
    @DisplayName("interrupted while it waits: InterruptedException, and the queued tasks never start")
    void theCallersInterruptCancelsTheRest() throws Exception {
        var started = new ConcurrentSkipListSet<Integer>();
        var task0Running = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var tasks = new ArrayList<Callable<String>>();
        tasks.add(() -> {
            started.add(0);
            task0Running.countDown();
            release.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
            return "result 0";
        });
        for (int i = 1; i < 4; i++) {
            tasks.add(quick(i, started));
        }
        var pool = new GatedPool(1, "fail-fast-pool", GatedPool.Order.OLDEST_FIRST);
        pool.admit(1); // task 0 runs until released; tasks 1 to 3 stay queued
        Background<List<String>> caller = Background.start("fail-fast-caller", () -> FailFast.runAll(pool, tasks));
        try {
            if (!queuedOrEnded(pool, 3, caller) || !task0Running.await(SOON.toMillis(), TimeUnit.MILLISECONDS)) {
                caller.rethrowFailure("runAll");
                fail("runAll had not handed its 4 tasks to the executor " + SOON.toMillis() + " ms after it was called");
            }
            caller.thread().interrupt(); // the caller gives up: say, its own caller was cancelled
            if (!caller.finishedWithin(SOON)) {
                fail("the thread in runAll was interrupted, and " + SOON.toMillis() + " ms later runAll was still"
                        + " waiting: an interrupt means stop waiting, so let the InterruptedException out");
            }
            if (!(caller.failure() instanceof InterruptedException)) {
                throw new AssertionError("the thread in runAll was interrupted while task 0 ran: runAll must throw"
                        + " InterruptedException (the caller's interrupt stays an interrupt), but "
                        + (caller.failure() == null ? "returned " + caller.result() : "threw " + caller.failure()),
                        caller.failure());
            }
        } finally {
            release.countDown();
            pool.close();
            caller.finish();
        }
        Set<Integer> ranAfterTheInterrupt = new TreeSet<>(started);
        ranAfterTheInterrupt.remove(0);
        if (!ranAfterTheInterrupt.isEmpty()) {
            fail("tasks " + ranAfterTheInterrupt + " were queued when runAll was interrupted, and they ran anyway: runAll"
                    + " gave up without cancelling them, leaving work behind that nobody will read. On"
                    + " InterruptedException too, cancel every future that is not done before throwing.");
        }
    }

    /** No tasks: nothing to wait for. */
    @Test
    @DisplayName("no tasks: an empty list, at once")
    void noTasks() throws Exception {
        var pool = new GatedPool(1, "fail-fast-pool", GatedPool.Order.OLDEST_FIRST);
        Background<List<String>> caller = Background.start("fail-fast-caller",
                () -> FailFast.runAll(pool, List.<Callable<String>>of()));
        try {
            if (!Sleeping.returnsWithoutWaiting(caller)) {
                fail("runAll was given no tasks, and it went to sleep waiting instead of returning an empty list (anyOf()"
                        + " of no futures never completes; nor does a latch nobody counts down)");
            }
            caller.rethrowFailure("runAll with no tasks");
            assertEquals(List.of(), caller.result(), "no tasks: runAll must return an empty list");
        } finally {
            if (caller.thread().isAlive()) {
                caller.thread().interrupt(); // it waits for futures that will never finish: let it out
            }
            pool.close();
            caller.finish();
        }
    }

    /**
     * Whether {@code thrown} comes from a cancelled future rather than from the task that failed
     * with {@code failure}: a CancellationException in its chain, or another IllegalStateException
     * (exceptionNow() on a cancelled future throws one, without a message).
     */
    private static boolean causedByCancelling(Throwable thrown, Throwable failure) {
        for (Throwable t = thrown; t != null && t != failure; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CancellationException || t instanceof IllegalStateException) {
                return true;
            }
        }
        return false;
    }

    /** Task {@code index}: notes that it started, and returns at once. */
    private static Callable<String> quick(int index, Set<Integer> started) {
        return () -> {
            started.add(index);
            return "result " + index;
        };
    }

    /** Whether {@code n} tasks wait in the pool's queue, within {@link #SOON}; false at once if runAll has ended. */
    private static boolean queuedOrEnded(GatedPool pool, int n, Background<?> caller) throws InterruptedException {
        return pool.awaitQueued(n, SOON, () -> !caller.thread().isAlive());
    }
}
