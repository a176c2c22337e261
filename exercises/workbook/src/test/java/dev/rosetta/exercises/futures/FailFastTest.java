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
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code futures/cancel-on-failure}. The test's pool ({@link GatedPool}) lets its
 * threads take a task only when the test says so, so which tasks run, and in which order, is the
 * same on every run.
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
            if (!pool.awaitQueued(4, SOON)) {
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
        var diskFull = new IllegalStateException("task 1 failed: the disk is full");
        var tasks = new ArrayList<Callable<String>>();
        tasks.add(() -> {
            started.add(0);
            task0Running.countDown();
            release.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
            return "result 0";
        });
        tasks.add(() -> {
            started.add(1);
            task0Running.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
            throw diskFull;
        });
        for (int i = 2; i < 6; i++) {
            int index = i;
            tasks.add(() -> {
                started.add(index);
                return "result " + index;
            });
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
    }
}
