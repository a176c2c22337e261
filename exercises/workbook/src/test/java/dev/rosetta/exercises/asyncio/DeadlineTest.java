package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Event;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code asyncio/wait-for}. The contract, one test each:
 * <ol>
 * <li>a task done in time gives its result as soon as it is done, not when the timeout runs out;</li>
 * <li>a task that fails in time passes its own exception to the caller (not a TimeoutError, not null);</li>
 * <li>on timeout the task is cancelled and has finished (its cleanup has run) before TimeoutError is thrown;</li>
 * <li>the timer never outlives the call: once waitFor has returned, nothing goes off later;</li>
 * <li>cancelling the caller cancels the task, waits for it to finish, and stays a CancelledError;</li>
 * <li>a task cancelled by someone else is a CancelledError for the caller, not a timeout;</li>
 * <li>a timeout of zero or less (down to {@code Duration.ofSeconds(Long.MIN_VALUE)}) is a timeout now, not "no timeout";
 *     yet a task already done gives its result;</li>
 * <li>a timeout too long for the clock ({@code Duration.ofNanos(Long.MAX_VALUE)}, {@code ofSeconds(Long.MAX_VALUE)})
 *     never expires: no overflow.</li>
 * </ol>
 */
@TimeLimit(seconds = 20)
class DeadlineTest {
    /** Long enough never to expire in these tests, short enough for the clock. */
    private static final Duration NEVER = TimeLimits.LONG;

    /** A task that waits for {@code release} and then returns {@code value}; its finally adds to {@code events}. */
    private static Task<String> waitingTask(String name, Event release, String value, List<String> events) {
        return Asyncio.createTask(name, () -> {
            try {
                release.waitFor();
                return value;
            } catch (CancelledError e) {
                events.add(name + " cancelled");
                throw e;
            } finally {
                Asyncio.sleep(Duration.ZERO); // cleanup that takes a step of its own, like closing a connection
                events.add(name + " cleanup ran");
            }
        });
    }

    private static final String AWAIT_THE_TASK = "It must return as soon as the task is done: await the task itself"
            + " (with a timer on the side), rather than sleeping the whole timeout or polling.";

    /** Fails unless {@code caller} (a task running Deadline.waitFor) is done within a few loop turns. */
    private static void callerMustReturnSoon(Task<?> caller, String after, String lookAt) {
        if (!LoopTurns.within(caller::isDone)) {
            caller.cancel();
            fail("Deadline.waitFor had not returned " + LoopTurns.PATIENCE + " loop turns after " + after + ". " + lookAt);
        }
    }

    /** How a task ended, for messages: its result, its exception, or "cancelled". */
    private static String outcome(Task<?> task) {
        if (task.isCancelled()) {
            return "a CancelledError";
        }
        return task.exception() != null ? task.exception().toString() : "the result " + task.result();
    }

    /** A task done in time gives its result, as soon as it is done. */
    @Test
    @DisplayName("a task that finishes in time gives its result at once, not when the timeout runs out")
    void resultInTime() {
        String result = Asyncio.run(() -> {
            var release = new Event();
            Task<String> quick = waitingTask("quick", release, "in time", new ArrayList<>());
            Task<String> caller = Asyncio.createTask("caller", () -> Deadline.waitFor(quick, NEVER));
            LoopTurns.pass(2);
            release.set();
            callerMustReturnSoon(caller, "the task finished", AWAIT_THE_TASK);
            return caller.result();
        });
        assertEquals("in time", result);
    }

    /** A task that fails in time: the caller gets that exception. */
    @Test
    @DisplayName("a task that fails in time passes its own exception on, not a TimeoutError")
    void failureInTime() {
        Asyncio.run(() -> {
            var failure = new IllegalStateException("the task failed");
            Task<String> failing = Asyncio.createTask("failing", () -> {
                Asyncio.sleep(Duration.ZERO);
                throw failure;
            });
            Task<String> caller = Asyncio.createTask("caller", () -> Deadline.waitFor(failing, NEVER));
            callerMustReturnSoon(caller, "the task failed", AWAIT_THE_TASK);
            if (caller.isCancelled() || caller.exception() != failure) {
                fail("the task failed with " + failure + " long before the deadline, but waitFor ended with "
                        + outcome(caller) + ". Only your timer's cancellation is a timeout; the task's own exception"
                        + " passes through to the caller unchanged.");
            }
            return null;
        });
    }

    /** On timeout the task is cancelled and its cleanup has run before TimeoutError reaches the caller. */
    @Test
    @DisplayName("on timeout the task is cancelled, and has finished, before TimeoutError is thrown")
    void timeoutCancelsAndWaits() {
        var events = new ArrayList<String>();
        Asyncio.run(() -> {
            Task<String> stuck = waitingTask("stuck", new Event(), "never", events);
            try {
                Deadline.waitFor(stuck, Duration.ofMillis(20));
                fail("waitFor returned although the task never finishes");
            } catch (TimeoutError expected) {
                events.add("caller saw TimeoutError");
            }
            if (!stuck.isDone() && stuck.cancelling() == 0) {
                fail("waitFor threw TimeoutError but left the task running (events: " + events + "). A timeout that"
                        + " leaves the task running is the classic bug: the work goes on after the caller gave up."
                        + " Cancel it.");
            }
            if (!stuck.isDone()) {
                fail("waitFor cancelled the task but threw TimeoutError before the task had finished (events: " + events
                        + "). cancel() only asks: the task stops at its next step, later. Wait for it to finish"
                        + " (await it) before throwing, so that its cleanup has run when the caller moves on.");
            }
            return null;
        });
        assertEquals(List.of("stuck cancelled", "stuck cleanup ran", "caller saw TimeoutError"), events,
                "the task's cleanup must have run before the caller sees the timeout: cancel() only asks,"
                        + " so after cancelling, wait for the task to finish");
    }

    /** After waitFor has returned, its timer cannot fire: the deadline passing later changes nothing. */
    @Test
    @DisplayName("the timer never outlives the call: nothing goes off after waitFor returned")
    void timerDoesNotOutliveTheCall() {
        Asyncio.run(() -> {
            Task<String> task = Asyncio.createTask("done-already", () -> "early");
            LoopTurns.pass(2);
            assertEquals("early", Deadline.waitFor(task, Duration.ofMillis(1)), "a task already done gives its result");
            try {
                Asyncio.sleep(Duration.ofMillis(10)); // the 1 ms deadline passes now, while the caller goes on
            } catch (CancelledError e) {
                fail("waitFor returned the result, and 1 ms later its timer cancelled the caller at an unrelated await."
                        + " Cancel the timer (handle.cancel()) on every way out of waitFor: in a finally.");
            }
            return null;
        });
    }

    /** Cancelling the caller cancels the task, waits for it, and is a CancelledError for the caller. */
    @Test
    @DisplayName("cancelling the caller cancels the task, waits for it, and stays a CancelledError")
    void cancellingTheCallerCancelsTheTask() {
        var events = new ArrayList<String>();
        Asyncio.run(() -> {
            Task<String> inner = waitingTask("inner", new Event(), "never", events);
            Task<String> caller = Asyncio.createTask("caller", () -> {
                try {
                    return Deadline.waitFor(inner, NEVER);
                } catch (CancelledError e) {
                    events.add("caller saw CancelledError");
                    throw e;
                }
            });
            LoopTurns.pass(2);
            caller.cancel();
            callerMustReturnSoon(caller, "the caller was cancelled", "Cancelling the caller cancels the future it awaits:"
                    + " await the task itself, so that the cancellation reaches it and you wake when it has finished.");
            if (!caller.isCancelled()) {
                fail("the caller was cancelled while in waitFor, but waitFor ended with " + outcome(caller) + ". Only a"
                        + " cancellation made by your own timer is a timeout; the caller's own cancellation must stay"
                        + " a CancelledError.");
            }
            assertTrue(inner.isCancelled(), "the caller was cancelled while waiting: the task it waited for must be"
                    + " cancelled too (events: " + events + ")");
            return null;
        });
        assertEquals(List.of("inner cancelled", "inner cleanup ran", "caller saw CancelledError"), events,
                "when the caller is cancelled, waitFor must cancel the task and wait for it to finish before the"
                        + " CancelledError leaves waitFor, as on a timeout");
    }

    /** A task cancelled by a third party: the caller sees CancelledError, not a timeout. */
    @Test
    @DisplayName("a task cancelled by someone else is a CancelledError for the caller, not a timeout")
    void othersCancellingTheTaskIsNoTimeout() {
        Asyncio.run(() -> {
            Task<String> inner = waitingTask("inner", new Event(), "never", new ArrayList<>());
            Task<String> caller = Asyncio.createTask("caller", () -> Deadline.waitFor(inner, NEVER));
            LoopTurns.pass(2);
            inner.cancel(); // not the timer, not the caller: someone else
            callerMustReturnSoon(caller, "someone else cancelled the task", AWAIT_THE_TASK);
            if (!caller.isCancelled()) {
                fail("the task was cancelled by someone else long before the deadline, and waitFor ended with "
                        + outcome(caller) + ". It is a timeout only if your timer cancelled it: remember whether the timer fired,"
                        + " do not guess from task.isCancelled().");
            }
            return null;
        });
    }

    /** Zero and negative timeouts: a timeout now, unless the task is already done. */
    @Test
    @DisplayName("a timeout of zero or less times out at once, unless the task is already done")
    void zeroAndNegativeTimeouts() {
        Asyncio.run(() -> {
            for (Duration timeout : List.of(Duration.ZERO, Duration.ofSeconds(-5), Duration.ofSeconds(Long.MIN_VALUE))) {
                Task<String> done = Asyncio.createTask(() -> "done");
                LoopTurns.pass(2);
                try {
                    assertEquals("done", Deadline.waitFor(done, timeout), "a task already done, timeout " + timeout);
                } catch (ArithmeticException e) {
                    fail("waitFor(task, " + timeout + ") threw " + e + ": now + timeout does not fit in a long"
                            + " (timeout.toNanos() or the sum overflows). A timeout that far below zero has passed"
                            + " already: compute the deadline without overflowing (Math.addExact, and catch it).", e);
                }
                try {
                    LoopTurns.pass(2);
                } catch (CancelledError e) {
                    fail("waitFor(task, " + timeout + ") returned the result of a task already done, and then its timer"
                            + " cancelled the caller at an unrelated await. Cancel the timer (handle.cancel()) on every"
                            + " way out of waitFor: in a finally.");
                }

                Task<String> stuck = waitingTask("stuck", new Event(), "never", new ArrayList<>());
                Task<String> caller = Asyncio.createTask("caller", () -> Deadline.waitFor(stuck, timeout));
                callerMustReturnSoon(caller, "waitFor(task, " + timeout + ") was called on a task that never ends",
                        "A timeout of zero or less is not 'no timeout' (as 0 is for Socket.setSoTimeout): the deadline"
                        + " has passed already, so it is a timeout at once.");
                if (caller.isCancelled() || !(caller.exception() instanceof TimeoutError)) {
                    fail("waitFor(task, " + timeout + ") on a task that never ends must throw TimeoutError at once,"
                            + " but it ended with " + outcome(caller));
                }
                assertTrue(stuck.isCancelled(), "after a timeout of " + timeout + " the task must be cancelled");
            }
            return null;
        });
    }

    /** Timeouts whose end is past what a long holds never expire, and never throw. */
    @Test
    @DisplayName("a timeout too long for the clock never expires (no overflow)")
    void hugeTimeouts() {
        Asyncio.run(() -> {
            for (Duration timeout : List.of(Duration.ofNanos(Long.MAX_VALUE), Duration.ofSeconds(Long.MAX_VALUE))) {
                var release = new Event();
                Task<String> slow = waitingTask("slow", release, "worth the wait", new ArrayList<>());
                Task<String> caller = Asyncio.createTask("caller", () -> Deadline.waitFor(slow, timeout));
                LoopTurns.pass(3);
                release.set();
                callerMustReturnSoon(caller, "the task finished", AWAIT_THE_TASK);
                if (caller.isCancelled() || caller.exception() != null) {
                    fail("waitFor(task, " + timeout + ") ended with " + outcome(caller) + " although the task"
                            + " finished. now + timeout does not fit in a long: computed anyway it overflows (to a"
                            + " deadline in the past, or an ArithmeticException). A timeout that long never expires:"
                            + " it needs no timer at all.");
                }
                assertEquals("worth the wait", caller.result());
            }
            return null;
        });
    }
}
