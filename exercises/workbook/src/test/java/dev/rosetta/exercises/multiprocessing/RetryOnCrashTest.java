package dev.rosetta.exercises.multiprocessing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.multiprocessing.SharedMemory;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code multiprocessing/retry-crash}. Workers are killed for real: a task that is
 * to die puts its pid on a queue and waits; a killer thread here takes the pid and sends the
 * process SIGKILL. Each start of each item is counted in shared memory, so the test knows
 * exactly what ran how often, whatever the code under test says.
 */
@TimeLimit(seconds = 40)
class RetryOnCrashTest {
    private static final int MAX_ATTEMPTS = 2;
    private static final int NONE = -1;

    /** A worker dies under item 0 once; item 0 is run again and returns, and nothing else runs twice. */
    @Test
    @DisplayName("a task whose worker is killed runs again; the results already in are kept")
    void aTaskWhoseWorkerIsKilledRunsAgain() throws Exception {
        var run = run(new Plan(0, NONE, NONE), 4);
        TaskOutcome<Integer> killed = run.outcomes().get(0);
        if (killed instanceof TaskOutcome.Crashed<Integer> crashed) {
            fail("item 0's worker was SIGKILLed in the middle of the task, and item 0 was reported as Crashed after "
                    + crashed.attempts() + " attempt(s) with maxAttempts = " + MAX_ATTEMPTS + ". A BrokenWorkerError"
                    + " means the process died, not that the task is wrong: submit that item again.");
        }
        expectReturned(run, 0, 2, "its worker was killed on the first attempt, and the second ran on a live worker");
        for (int item : List.of(1, 2, 3)) {
            expectStartedOnce(run, item, "it had nothing to do with the worker that was killed under item 0");
            expectReturned(run, item, run.outcomes().get(item).attempts(), "a worker died, but not under it");
        }
    }

    /** Item 1 raises on every run: it is reported as Raised after one attempt and started once. */
    @Test
    @DisplayName("a task that raises is reported, not run again")
    void aTaskThatRaisesIsReportedNotRetried() throws Exception {
        var run = run(new Plan(NONE, 1, NONE), 4);
        if (run.starts()[1] > 1) {
            fail("item 1 raised IllegalArgumentException (bad input) and was run " + run.starts()[1] + " times. A"
                    + " task's own exception (here IllegalArgumentException, raised again with its type) comes from its"
                    + " code: on any worker it raises again, so another attempt only repeats the failure and its side"
                    + " effects. Retry on BrokenWorkerError only; report any other exception as Raised after one attempt.");
        }
        if (!(run.outcomes().get(1) instanceof TaskOutcome.Raised<Integer> raised)) {
            fail("item 1 raised IllegalArgumentException in the worker, and its outcome was "
                    + run.outcomes().get(1) + "; expected Raised (with the IllegalArgumentException) after 1 attempt");
            return;
        }
        if (!(raised.error() instanceof IllegalArgumentException) || raised.attempts() != 1) {
            fail("item 1's outcome was " + raised + "; expected Raised with the task's own"
                    + " IllegalArgumentException and attempts = 1");
        }
        for (int item : List.of(0, 2, 3)) {
            expectStartedOnce(run, item, "no worker died");
            expectReturned(run, item, 1, "no worker died");
        }
    }

    /** Item 0 kills its worker every time: it is given up after maxAttempts, and the others still return. */
    @Test
    @DisplayName("a task that kills every worker it runs on ends as Crashed after maxAttempts")
    void aPoisonTaskGivesUpAfterTheLimit() throws Exception {
        var run = run(new Plan(NONE, NONE, 0), 3);
        if (!(run.outcomes().get(0) instanceof TaskOutcome.Crashed<Integer> crashed)
                || crashed.attempts() != MAX_ATTEMPTS || run.starts()[0] != MAX_ATTEMPTS) {
            fail("item 0 kills its worker on every attempt; with maxAttempts = " + MAX_ATTEMPTS + " it must be"
                    + " started " + MAX_ATTEMPTS + " times and end as Crashed with attempts = " + MAX_ATTEMPTS
                    + ". It was started " + run.starts()[0] + " time(s), and its outcome was " + run.outcomes().get(0));
        }
        for (int item : List.of(1, 2)) {
            expectStartedOnce(run, item, "only item 0 is poison");
            expectReturned(run, item, run.outcomes().get(item).attempts(), "only item 0 is poison");
        }
    }

    private static void expectReturned(Run run, int item, int attempts, String why) {
        var expected = new TaskOutcome.Returned<>(item * 10, attempts);
        if (!expected.equals(run.outcomes().get(item))) {
            fail("item " + item + "'s outcome was " + run.outcomes().get(item) + ", expected " + expected + ": " + why
                    + ". (All outcomes, in the order of the items: " + run.outcomes() + ")");
        }
    }

    private static void expectStartedOnce(Run run, int item, String why) {
        if (run.starts()[item] != 1) {
            fail("item " + item + " was run " + run.starts()[item] + " times, though " + why + ": after a crash, the"
                    + " results already in were thrown away and their tasks run again, which does their work (and"
                    + " their side effects) twice. Keep every result that is in; submit again only the task whose"
                    + " worker died.");
        }
    }

    // ---- the scenario ----------------------------------------------------------------------

    /**
     * Which item is killed on its first start, which raises, which kills its worker on every start.
     * The one killed is always item 0: the first task a worker gets travels alone, so no other
     * task's answer is still in that worker's buffers when it dies, and "what ran how often" is
     * exact on every run.
     */
    record Plan(int killedOnce, int raises, int poison) implements Serializable {
    }

    /** What runAll returned, and how often each item was really started. */
    record Run(List<TaskOutcome<Integer>> outcomes, long[] starts) {
    }

    /** The task every item runs, in a worker: count the start, then act out the plan. */
    record Script(Plan plan, String startCounts, Queue<Long> doomed) implements Serializable {
        int run(int item) throws Exception {
            long before;
            try (var counts = SharedMemory.attach(startCounts)) {
                before = counts.getAndAddLong(8L * item, 1);
            }
            if (item == plan.raises()) {
                throw new IllegalArgumentException("item " + item + " is bad input");
            }
            if (item == plan.poison() || (item == plan.killedOnce() && before == 0)) {
                doomed.put(ProcessHandle.current().pid());
                Thread.sleep(Long.MAX_VALUE); // waits to be killed, mid-task
            }
            return item * 10;
        }
    }

    /**
     * Runs {@code runAll} over items 0..n-1 on a fresh pool of two, on a thread of its own, while
     * a killer thread SIGKILLs every worker that reports a doomed task. A {@code runAll} that
     * starts the poison task more than {@link #MAX_ATTEMPTS} times is stopped and failed.
     */
    private static Run run(Plan plan, int n) throws Exception {
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        String name = "retry-crash-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (var starts = SharedMemory.create(name, 8L * n); var doomed = Queue.<Long>create(16)) {
            var script = new Script(plan, name, doomed);
            var pool = new Pool(2);
            var killer = new Killer(doomed);
            var outcomes = new CompletableFuture<List<TaskOutcome<Integer>>>();
            Thread runner = Thread.ofPlatform().name("runAll").start(() -> {
                try {
                    outcomes.complete(RetryOnCrash.runAll(pool, script::run, items, MAX_ATTEMPTS));
                } catch (Throwable failure) {
                    outcomes.completeExceptionally(failure);
                }
            });
            try {
                CompletableFuture.anyOf(outcomes, killer.tooMany).get(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof Error error) {
                    throw error;
                }
                throw (Exception) failed.getCause();
            } catch (TimeoutException stuck) {
                fail("runAll did not return within " + TimeLimits.LONG.toSeconds() + " s (the tasks take"
                        + " milliseconds, and each killed worker is replaced in about a second)");
            } finally {
                killer.stop();
                pool.terminate();
                runner.join(TimeLimits.MEDIUM);
                starts.unlink();
            }
            if (killer.tooMany.isDone()) {
                fail("item " + plan.poison() + " kills its worker on every attempt, and it was started once more"
                        + " after " + MAX_ATTEMPTS + " attempts (maxAttempts = " + MAX_ATTEMPTS + ") had crashed: the"
                        + " retry loop has no limit, and would kill workers for ever. Count the attempts; after the last, report the"
                        + " item as Crashed with the BrokenWorkerError.");
            }
            if (outcomes.get().size() != n) {
                fail("runAll returned " + outcomes.get().size() + " outcomes for " + n + " items: " + outcomes.get()
                        + "; expected one per item, in the order of the items");
            }
            long[] counts = new long[n];
            for (int i = 0; i < n; i++) {
                counts[i] = starts.getLong(8L * i);
            }
            return new Run(outcomes.get(), counts);
        }
    }

    /** Takes the pid of each doomed task off the queue and kills its worker, at most MAX_ATTEMPTS times. */
    private static final class Killer {
        final CompletableFuture<Void> tooMany = new CompletableFuture<>();
        private final Thread thread;
        private volatile boolean stopped;

        Killer(Queue<Long> doomed) {
            thread = Thread.ofPlatform().name("killer").start(() -> {
                int kills = 0;
                try {
                    while (!stopped) {
                        Long pid;
                        try {
                            pid = doomed.get(Duration.ofMillis(50));
                        } catch (Queue.Empty none) {
                            continue;
                        }
                        if (++kills > MAX_ATTEMPTS) {
                            tooMany.complete(null);
                            return;
                        }
                        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join(TimeLimits.MEDIUM);
        }
    }
}
