package dev.rosetta.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The loop itself: its queues, its one-at-a-time rule, its errors, debug mode. */
class EventLoopTest {

    /** callSoon callbacks run in the order they were scheduled, on the loop thread, after the current step. */
    @Test
    void callSoonRunsInOrderAfterTheCurrentStep() {
        var events = new ArrayList<String>();
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.callSoon(() -> events.add("a on " + Thread.currentThread().getName()));
            loop.callSoon(() -> events.add("b"));
            events.add("task still running");
            Asyncio.sleep(Duration.ZERO);
            events.add("task resumed");
            return null;
        });
        assertEquals(List.of("task still running", "a on asyncio-loop", "b", "task resumed"), events);
    }

    /** Timers fire by deadline, and equal deadlines in scheduling order (the heap's tie-break). */
    @Test
    void timersFireByDeadlineThenSchedulingOrder() {
        var events = new ArrayList<String>();
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            long base = loop.time() + 5_000_000;
            loop.callAt(base + 2_000_000, () -> events.add("late"));
            loop.callAt(base, () -> events.add("first tie"));
            loop.callAt(base, () -> events.add("second tie"));
            Handle cancelled = loop.callAt(base + 1_000_000, () -> events.add("cancelled"));
            cancelled.cancel();
            Asyncio.sleep(Duration.ofMillis(20));
            return null;
        });
        assertEquals(List.of("first tie", "second tie", "late"), events);
    }

    /** Two tasks interleave only where they await: between awaits each runs alone. */
    @Test
    void tasksSwitchOnlyAtAwaitPoints() {
        var events = new ArrayList<String>();
        Asyncio.run(() -> {
            Coroutine<Void> worker = () -> {
                String me = Asyncio.currentTask().getName();
                for (int i = 0; i < 3; i++) {
                    events.add(me + " step " + i + " begins");
                    events.add(me + " step " + i + " ends");
                    Asyncio.sleep(Duration.ZERO);
                }
                return null;
            };
            Asyncio.gather(Asyncio.createTask("A", worker), Asyncio.createTask("B", worker)).await();
            return null;
        });
        var expected = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            for (String me : List.of("A", "B")) {
                expected.add(me + " step " + i + " begins");
                expected.add(me + " step " + i + " ends");
            }
        }
        assertEquals(expected, events);
    }

    /** A task's result and exception come back through await; an exception does not stop the loop. */
    @Test
    void taskResultsAndExceptionsComeBackThroughAwait() {
        String outcome = Asyncio.run(() -> {
            Task<Integer> ok = Asyncio.createTask(() -> 42);
            Task<Integer> bad = Asyncio.createTask(() -> {
                throw new IllegalArgumentException("boom");
            });
            var error = assertThrows(IllegalArgumentException.class, bad::await);
            return ok.await() + " " + error.getMessage();
        });
        assertEquals("42 boom", outcome);
    }

    /** Cancelling a task delivers CancelledError at its await point, where it can clean up. */
    @Test
    void cancellationIsDeliveredAtTheAwaitPoint() {
        var events = new ArrayList<String>();
        Asyncio.run(() -> {
            Task<Void> sleeper = Asyncio.createTask(() -> {
                events.add("sleeping");
                try {
                    Asyncio.sleep(Duration.ofHours(1));
                } catch (CancelledError e) {
                    events.add("cancelled at sleep");
                    throw e;
                }
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            sleeper.cancel();
            assertThrows(CancelledError.class, sleeper::await);
            assertTrue(sleeper.isCancelled());
            return null;
        });
        assertEquals(List.of("sleeping", "cancelled at sleep"), events);
    }

    /** A task cancelled before its first step never runs its body. */
    @Test
    void aTaskCancelledBeforeItStartsNeverRuns() {
        var ran = new ArrayList<String>();
        Asyncio.run(() -> {
            Task<Void> task = Asyncio.createTask(() -> {
                ran.add("body");
                return null;
            });
            task.cancel();
            assertThrows(CancelledError.class, task::await);
            return null;
        });
        assertEquals(List.of(), ran);
    }

    /** An exception in a callback goes to the exception handler and the loop carries on. */
    /** A delay too long to add to the clock means never: not at once (overflow), not an exception. */
    @Test
    void aDelayOfCenturiesNeverFires() {
        var fired = new ArrayList<String>();
        try (var loop = new EventLoop()) {
            String result = loop.runUntilComplete(() -> {
                EventLoop running = Asyncio.getRunningLoop();
                running.callLater(Duration.ofNanos(Long.MAX_VALUE), () -> fired.add("ofNanos(MAX)"));
                running.callLater(Duration.ofSeconds(Long.MAX_VALUE), () -> fired.add("ofSeconds(MAX)"));
                running.callLater(java.time.temporal.ChronoUnit.FOREVER.getDuration(), () -> fired.add("FOREVER"));
                for (int turn = 0; turn < 5; turn++) {
                    Asyncio.sleep(Duration.ZERO);
                }
                return "went round";
            });
            assertEquals("went round", result);
        }
        assertEquals(List.of(), fired, "timers centuries away fired");
    }

    @Test
    void aFailingCallbackGoesToTheHandlerAndTheLoopGoesOn() {
        var contexts = new ArrayList<ExceptionContext>();
        try (var loop = new EventLoop()) {
            loop.setExceptionHandler(contexts::add);
            String result = loop.runUntilComplete(() -> {
                Asyncio.getRunningLoop().callSoon(() -> {
                    throw new IllegalStateException("callback failed");
                });
                Asyncio.sleep(Duration.ZERO);
                return "still running";
            });
            assertEquals("still running", result);
        }
        assertEquals(1, contexts.size());
        assertEquals("callback failed", contexts.getFirst().exception().getMessage());
    }

    /** A task that fails and is never awaited is reported when the loop closes ("exception was never retrieved"). */
    @Test
    void anUnawaitedFailureIsReportedAtClose() {
        var contexts = new ArrayList<ExceptionContext>();
        try (var loop = new EventLoop()) {
            loop.setExceptionHandler(contexts::add);
            loop.runUntilComplete(() -> {
                Asyncio.createTask("forgotten", () -> {
                    throw new IllegalStateException("nobody saw this");
                });
                Asyncio.sleep(Duration.ZERO);
                Asyncio.sleep(Duration.ZERO);
                return null;
            });
        }
        assertEquals(1, contexts.size());
        assertEquals("Task exception was never retrieved", contexts.getFirst().message());
        assertInstanceOf(Task.class, contexts.getFirst().future());
    }

    /** Loop-only methods called from a foreign thread fail; callSoonThreadsafe is the way in. */
    @Test
    void foreignThreadsMustUseCallSoonThreadsafe() throws InterruptedException {
        var failures = new CopyOnWriteArrayList<Throwable>();
        var done = new CountDownLatch(1);
        String result = Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> fromThread = loop.createFuture();
            Thread foreign = Thread.ofPlatform().name("foreign").start(() -> {
                try {
                    loop.callSoon(() -> { });
                } catch (IllegalStateException expected) {
                    failures.add(expected);
                }
                loop.callSoonThreadsafe(() -> fromThread.setResult("via callSoonThreadsafe"));
                done.countDown();
            });
            String value = fromThread.await();
            foreign.join();
            return value;
        });
        done.await();
        assertEquals("via callSoonThreadsafe", result);
        assertEquals(1, failures.size());
    }

    /** await outside a task is refused with an explanation. */
    @Test
    void awaitOutsideATaskIsRefused() {
        try (var loop = new EventLoop()) {
            Future<String> future = loop.createFuture();
            var error = assertThrows(IllegalStateException.class, future::await);
            assertTrue(error.getMessage().contains("outside a task"), error.getMessage());
        }
    }

    /** Debug mode reports a step that blocks the loop, naming the task and the code it was in. */
    @Test
    void debugModeReportsASlowStepWithTheTaskAndItsStack() {
        var slow = new CopyOnWriteArrayList<SlowCallback>();
        // the loop also logs this report as a WARN: expected here, and the listener gets the same report,
        // so keep it out of the build log, where a newcomer would take it for a failure
        var log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(EventLoop.class);
        ch.qos.logback.classic.Level level = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.ERROR);
        try (var loop = new EventLoop()) {
            loop.setDebug(true);
            loop.setSlowCallbackDuration(Duration.ofMillis(40));
            loop.setSlowCallbackListener(slow::add);
            loop.runUntilComplete(() -> {
                Asyncio.createTask("blocker", EventLoopTest::blockTheLoop).await();
                return null;
            });
        } finally {
            log.setLevel(level);
        }
        var aboutBlocker = slow.stream().filter(r -> r.what().contains("blocker")).toList();
        assertEquals(1, aboutBlocker.size(), "one slow step of the blocker: " + slow);
        SlowCallback report = aboutBlocker.getFirst();
        assertTrue(report.what().contains("blocker"), report.what());
        assertTrue(report.took().toMillis() >= 40, report.toString());
        assertTrue(report.stack().stream().anyMatch(f -> f.getMethodName().equals("blockTheLoop")), report.message());
    }

    /**
     * Debug mode reports a step that blocks the loop while it is still blocked, naming the task
     * and the code it is stuck in: the coroutine is released only by the report itself, so without
     * it the step would never end.
     */
    @Test
    void debugModeReportsABlockedLoopWhileItIsStillBlocked() {
        var reports = new CopyOnWriteArrayList<LoopBlocked>();
        var release = new CountDownLatch(1);
        var log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(EventLoop.class);
        ch.qos.logback.classic.Level level = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.ERROR);
        boolean released;
        try (var loop = new EventLoop()) {
            loop.setDebug(true);
            loop.setSlowCallbackDuration(Duration.ofMillis(5));
            loop.setCheckInterval(Duration.ofMillis(1));
            loop.setLoopBlockedListener(report -> {
                if (report.what().contains("stuck")) { // the outer task's step may be slow too, on a busy machine
                    reports.add(report);
                    release.countDown();
                }
            });
            released = loop.runUntilComplete(() -> Asyncio.createTask("stuck", () -> waitForTheReport(release)).await());
        } finally {
            log.setLevel(level);
        }
        assertTrue(released, "the loop stayed blocked and nothing reported it while it was: a report that comes"
                + " only after the step returns never comes for a coroutine that does not return");
        LoopBlocked report = reports.getFirst();
        assertTrue(report.what().contains("stuck"), report.what());
        // the coroutine's own code is on the stack (in waitForTheReport, or the lambda just before it)
        assertTrue(report.stack().stream().anyMatch(f -> f.getClassName().equals(EventLoopTest.class.getName())),
                report.message());
        assertTrue(report.message().startsWith("the event loop has been blocked for "), report.message());
    }

    private static boolean waitForTheReport(CountDownLatch release) throws InterruptedException {
        // the mistake under test: a blocking wait inside a coroutine; only the checker's report ends it
        return release.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Void blockTheLoop() throws InterruptedException {
        Thread.sleep(120); // the mistake under test: a blocking call inside a coroutine
        return null;
    }

    /** close() cancels the tasks still pending, as asyncio.run does, and their cleanup runs. */
    @Test
    void closeCancelsPendingTasks() {
        var events = new ArrayList<String>();
        try (var loop = new EventLoop()) {
            loop.runUntilComplete(() -> {
                Asyncio.getRunningLoop().createTask(() -> {
                    try {
                        Asyncio.sleep(Duration.ofHours(1));
                    } finally {
                        events.add("cleanup ran");
                    }
                    return null;
                });
                Asyncio.sleep(Duration.ZERO);
                return null;
            });
            assertEquals(List.of(), events);
        }
        assertEquals(List.of("cleanup ran"), events);
    }

    /** The task's body runs on a virtual thread named after the task; callbacks on the loop thread. */
    @Test
    void tasksRunOnNamedVirtualThreads() {
        Thread[] seen = new Thread[1];
        String name = Asyncio.run(() -> {
            seen[0] = Thread.currentThread();
            return Asyncio.currentTask().getName();
        });
        assertTrue(seen[0].isVirtual());
        assertEquals(name, seen[0].getName());
        assertSame(null, Task.current());
    }
}
