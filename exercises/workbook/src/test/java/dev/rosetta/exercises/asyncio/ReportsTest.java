package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Task;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import dev.rosetta.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code asyncio/blocking-call}. The contract, one test each:
 * <ol>
 * <li>every call to the blocking backend is in flight at the same time (not one after another);</li>
 * <li>the loop keeps running while they block: other tasks (a heartbeat) go on;</li>
 * <li>the reports come back in the order of the ids, even when the calls finish in the reverse order;</li>
 * <li>a call that fails fails {@code fetchAll} with its own exception: never a {@code null} report, never a hang;</li>
 * <li>no ids, one id, and the same id twice (one call each, one report each);</li>
 * <li>nothing outlives the call: no thread pool of your own left running (the leak check after each test).</li>
 * </ol>
 */
@TimeLimit(seconds = 30)
class ReportsTest {
    private static final List<String> IDS = List.of("north", "south", "east", "west");
    /** How long a blocked call waits for the others: they run on pool threads, so this is wall-clock time. */
    private static final long PATIENCE_MILLIS = TimeLimits.scaled(Duration.ofSeconds(3)).toMillis();
    /** How long the outcome of a call that has returned may take to reach the loop from its pool thread. */
    private static final Duration AFTER_THE_CALLS = TimeLimits.scaled(Duration.ofSeconds(1));

    /**
     * A backend that proves the properties while it blocks: every call waits until all of them are
     * in flight (so they must overlap), then until the loop's heartbeat has ticked twice since the
     * call began (so the loop must still be running), then until the call for the next id has
     * returned (so they finish in the reverse order of the ids). A call that waits in vain gives up
     * and records why; later calls then return at once.
     */
    static final class ProvingBackend implements SlowBackend {
        final Semaphore heartbeats = new Semaphore(0);
        final CountDownLatch allInFlight = new CountDownLatch(IDS.size());
        final List<CountDownLatch> returned = IDS.stream().map(id -> new CountDownLatch(1)).toList();
        volatile String problem;
        /** Set once fetchAll has returned: calls still blocked then are let go at once. */
        volatile boolean over;

        @Override
        public String fetch(String id) throws InterruptedException {
            int index = IDS.indexOf(id);
            try {
                if (problem == null && !over && Task.current() != null) {
                    problem = "fetch(\"" + id + "\") was called by the coroutine " + Task.current().getName() + " itself:"
                            + " a blocking call there holds the loop, and every other task froze until it returned."
                            + " Run it on another thread (Asyncio.toThread) and await that.";
                }
                if (problem == null && !over) {
                    prove(id, index);
                }
                return id.toUpperCase();
            } finally {
                returned.get(index).countDown();
            }
        }

        private void prove(String id, int index) throws InterruptedException {
            allInFlight.countDown();
            if (!allInFlight.await(PATIENCE_MILLIS, TimeUnit.MILLISECONDS) && !over) {
                problem = "fetch(\"" + id + "\") waited " + PATIENCE_MILLIS + " ms for the other calls to start, but"
                        + " only " + (IDS.size() - allInFlight.getCount()) + " of " + IDS.size() + " calls were in flight:"
                        + " the blocking calls ran one after another. Start them all before awaiting any.";
            } else if (!heartbeats.tryAcquire(2, PATIENCE_MILLIS, TimeUnit.MILLISECONDS) && !over) {
                problem = "while fetch(\"" + id + "\") blocked, the loop's heartbeat task did not tick for "
                        + PATIENCE_MILLIS + " ms: the blocking call ran on the loop thread (or the loop waited for"
                        + " it there) and froze every task. Run it on another thread and await that.";
            } else if (index + 1 < IDS.size()) {
                returned.get(index + 1).await(PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Runs {@code fetchAll} in a task beside a heartbeat; its reports, or a failure naming the problem. */
    private static List<String> fetchWithHeartbeat(ProvingBackend backend) {
        return Asyncio.run(() -> {
            Task<Void> heartbeat = Asyncio.createTask("heartbeat", () -> {
                while (true) {
                    Asyncio.sleep(Duration.ofMillis(1));
                    backend.heartbeats.release(2 * IDS.size());
                }
            });
            try {
                return Reports.fetchAll(IDS, backend);
            } finally {
                backend.over = true;
                backend.heartbeats.release(1_000);
                heartbeat.cancel();
            }
        });
    }

    /** All calls overlap, the heartbeat keeps beating, and the reports are in the order of the ids. */
    @Test
    @DisplayName("all calls in flight at once, the loop kept running, reports in the order of the ids")
    void fetchesConcurrentlyWithoutFreezingTheLoop() {
        var backend = new ProvingBackend();
        List<String> reports = fetchWithHeartbeat(backend);
        assertNull(backend.problem, backend.problem);
        if (reports.contains(null)) {
            fail("fetchAll returned " + reports + ": nulls mean it returned before the reports came. Await every"
                    + " call (gather them) before returning.");
        }
        assertEquals(List.of("NORTH", "SOUTH", "EAST", "WEST"), reports, "the calls finished in the reverse order"
                + " (west first), but fetchAll must return the reports in the order of the ids: gather keeps the order"
                + " it was given; a list appended as each call finishes does not.");
    }

    /** A failing call fails the whole fetch with its own exception, and does not leave it waiting. */
    @Test
    @DisplayName("a failing call fails fetchAll with its own exception, neither a null report nor a hang")
    void failingCallFailsTheFetch() {
        var failure = new IllegalStateException("the backend could not build report 'south'");
        var finished = new CountDownLatch(IDS.size());
        SlowBackend backend = id -> {
            try {
                if (id.equals("south")) {
                    throw failure;
                }
                return id.toUpperCase();
            } finally {
                finished.countDown();
            }
        };
        Asyncio.run(() -> {
            Task<List<String>> caller = Asyncio.createTask("fetchAll", () -> Reports.fetchAll(IDS, backend));
            // The calls run on other threads: wait for them to return, handing the loop its turns meanwhile.
            Waits.until(TimeLimits.MEDIUM, () -> finished.getCount() == 0 || caller.isDone() || napped());
            // Their outcomes still travel from the pool threads to the loop (callSoonThreadsafe): wait for that too.
            Waits.until(AFTER_THE_CALLS, () -> caller.isDone() || napped());
            if (!caller.isDone()) {
                caller.cancel();
                fail("every call to the backend has returned, one of them (\"south\") by throwing, yet fetchAll was"
                        + " still waiting " + AFTER_THE_CALLS.toMillis() + " ms later: it waits for a report that will"
                        + " never come. A failed call must complete its future with the exception, and that must"
                        + " fail fetchAll.");
            }
            if (caller.isCancelled() || caller.exception() == null) {
                fail("the call for \"south\" threw " + failure + ", yet fetchAll " + (caller.isCancelled() ? "was cancelled"
                        : "returned " + caller.result()) + ". An exception must never be turned into a null report or"
                        + " dropped: let it fail fetchAll.");
            }
            assertEquals(failure, caller.exception(), "fetchAll must fail with the call's own exception");
            return null;
        });
    }

    /** No ids, one id, and an id asked for twice. */
    @Test
    @DisplayName("no ids, one id, and the same id twice (one call and one report each)")
    void edgeCases() {
        var calls = Collections.synchronizedList(new ArrayList<String>());
        SlowBackend backend = id -> {
            calls.add(id);
            return id.toUpperCase();
        };
        Asyncio.run(() -> {
            assertEquals(List.of(), Reports.fetchAll(List.of(), backend), "no ids: no reports");
            assertEquals(List.of("ONLY"), Reports.fetchAll(List.of("only"), backend), "one id");
            assertEquals(List.of("TWICE", "OTHER", "TWICE"), Reports.fetchAll(List.of("twice", "other", "twice"), backend),
                    "an id asked for twice gets its report in both places");
            return null;
        });
        calls.sort(null);
        assertEquals(List.of("only", "other", "twice", "twice"), calls, "one call to the backend per id in the list");
    }

    /** Hands the event loop one turn of a millisecond ({@code await asyncio.sleep(0.001)}); false, so a wait goes on. */
    private static boolean napped() {
        Asyncio.sleep(Duration.ofMillis(1));
        return false;
    }
}
