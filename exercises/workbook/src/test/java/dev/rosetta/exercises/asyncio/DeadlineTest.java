package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Event;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import dev.rosetta.testkit.TimeLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code asyncio/wait-for}. */
@TimeLimit(seconds = 20)
class DeadlineTest {

    /** A task done in time gives its result, and no timer fires later. */
    @Test
    @DisplayName("a task that finishes in time gives its result")
    void resultInTime() {
        String result = Asyncio.run(() -> {
            Task<String> quick = Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ZERO);
                return "in time";
            });
            String value = Deadline.waitFor(quick, Duration.ofMillis(50));
            Asyncio.sleep(Duration.ofMillis(100)); // past the deadline: nothing may go off now
            return value;
        });
        assertEquals("in time", result);
    }

    /** On timeout the task is cancelled and its cleanup has run before TimeoutError reaches the caller. */
    @Test
    @DisplayName("on timeout the task is cancelled, and has finished, before TimeoutError is thrown")
    void timeoutCancelsAndWaits() {
        var events = new ArrayList<String>();
        Asyncio.run(() -> {
            var never = new Event();
            Task<String> stuck = Asyncio.createTask("stuck", () -> {
                try {
                    never.waitFor();
                    return "never";
                } catch (CancelledError e) {
                    events.add("task cancelled");
                    throw e;
                } finally {
                    events.add("task cleanup ran");
                }
            });
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
        assertEquals(List.of("task cancelled", "task cleanup ran", "caller saw TimeoutError"), events,
                "the task's cleanup must have run before the caller sees the timeout: cancel() only asks,"
                        + " so after cancelling, wait for the task to finish");
    }

    /** Cancelling the caller cancels the task it waits for. */
    @Test
    @DisplayName("cancelling the caller cancels the task too")
    void cancellingTheCallerCancelsTheTask() {
        Asyncio.run(() -> {
            var never = new Event();
            Task<String> inner = Asyncio.createTask(() -> {
                never.waitFor();
                return "never";
            });
            Task<String> caller = Asyncio.createTask(() -> Deadline.waitFor(inner, Duration.ofHours(1)));
            Asyncio.sleep(Duration.ZERO);
            caller.cancel();
            assertThrows(CancelledError.class, caller::await);
            Asyncio.sleep(Duration.ZERO);
            assertTrue(inner.isCancelled(), "the caller was cancelled while waiting: the task it waited for must be too");
            return null;
        });
    }
}
