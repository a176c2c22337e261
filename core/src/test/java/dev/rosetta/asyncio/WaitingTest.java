package dev.rosetta.asyncio;

import static dev.rosetta.asyncio.LoopSteps.afterSteps;
import static dev.rosetta.asyncio.LoopSteps.forever;
import static dev.rosetta.asyncio.LoopSteps.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * shield, wait, asCompleted and a cancelled child of gather, each checked fact by fact against
 * CPython 3.11 (the Python that printed each fact is in the test's comment). Orders are forced
 * with loop steps ({@code sleep(ZERO)}); the only clock is a timeout that nothing can beat.
 */
class WaitingTest {
    private static final Duration SHORT = Duration.ofMillis(10);

    /** outer = shield(inner); outer.cancel(): awaiting outer raises CancelledError, inner runs on to its result. */
    @Test
    void cancellingTheShieldLeavesTheInnerRunning() {
        Asyncio.run(() -> {
            var release = new Event();
            var inner = Asyncio.createTask(() -> {
                release.waitFor();
                return "inner";
            });
            var outer = Asyncio.shield(inner);
            assertTrue(outer != inner, "shield(pending) is a new future");
            outer.cancel();
            assertThrows(CancelledError.class, outer::await);
            assertFalse(inner.isCancelled() || inner.isDone(), "shield let the cancel through to the inner task");
            release.set();
            assertEquals("inner", inner.await());
            return null;
        });
    }

    /** A task awaiting shield(inner) is cancelled: it gets CancelledError; inner is not cancelled and finishes. */
    @Test
    void cancellingTheAwaitingTaskLeavesTheInnerRunning() {
        Asyncio.run(() -> {
            var inner = afterSteps(3, "x");
            var waiter = Asyncio.createTask(() -> Asyncio.shield(inner).await());
            steps(1);
            waiter.cancel();
            assertThrows(CancelledError.class, waiter::await);
            assertFalse(inner.isCancelled(), "the inner task was cancelled through the shield");
            assertEquals("x", inner.await());
            return null;
        });
    }

    /** inner.cancel() cancels the shield; shield(done) is the same future; inner's exception comes through. */
    @Test
    void theShieldMirrorsTheInner() {
        Asyncio.run(() -> {
            Task<Object> inner = forever();
            var outer = Asyncio.shield(inner);
            steps(1);
            inner.cancel();
            steps(2);
            assertTrue(outer.isCancelled(), "a cancelled inner cancels its shield (CPython: outer.cancelled() True)");

            Future<Integer> done = Asyncio.getRunningLoop().createFuture();
            done.setResult(1);
            assertSame(done, Asyncio.shield(done), "CPython returns a done future itself");

            var failing = Asyncio.createTask(() -> {
                throw new IllegalArgumentException("boom");
            });
            var error = assertThrows(IllegalArgumentException.class, () -> Asyncio.shield(failing).await());
            assertEquals("boom", error.getMessage());
            return null;
        });
    }

    /** wait([]) raises ValueError('Set of Tasks/Futures is empty.'). */
    @Test
    void waitOnNothingIsRefused() {
        Asyncio.run(() -> {
            var error = assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.<Future<Object>>of()));
            assertEquals("Set of Tasks/Futures is empty.", error.getMessage());
            return null;
        });
    }

    /** On timeout wait returns (done, pending) and cancels nothing: the pending task is neither cancelled nor done. */
    @Test
    void waitTimeoutReturnsPendingWithoutCancelling() {
        Asyncio.run(() -> {
            Task<String> a = afterSteps(0, "a");
            Task<String> b = forever();
            var split = Asyncio.wait(List.of(a, b), SHORT, Asyncio.ReturnWhen.ALL_COMPLETED);
            assertEquals(Set.of(a), split.done());
            assertEquals(Set.of(b), split.pending());
            assertFalse(b.isCancelled() || b.isDone(), "wait's timeout cancelled the pending task; CPython's does not");
            b.cancel();
            return null;
        });
    }

    /** FIRST_COMPLETED with one future already done returns at once: done 1, pending 1. */
    @Test
    void firstCompletedReturnsWhenOneIsDone() {
        Asyncio.run(() -> {
            Task<String> a = afterSteps(0, "a");
            Task<String> b = forever();
            steps(1);
            var split = Asyncio.wait(List.of(a, b), null, Asyncio.ReturnWhen.FIRST_COMPLETED);
            assertEquals(Set.of(a), split.done());
            assertEquals(Set.of(b), split.pending());
            b.cancel();
            return null;
        });
    }

    /** Two futures finished by one callback are both in done, under FIRST_COMPLETED: done 2, pending 1. */
    @Test
    void futuresFinishedInTheSameTurnAreAllDone() {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<Integer> f1 = loop.createFuture();
            Future<Integer> f2 = loop.createFuture();
            Future<Integer> f3 = loop.createFuture();
            loop.callSoon(() -> {
                f1.setResult(1);
                f2.setResult(2);
            });
            var split = Asyncio.wait(List.of(f1, f2, f3), null, Asyncio.ReturnWhen.FIRST_COMPLETED);
            assertEquals(Set.of(f1, f2), split.done());
            assertEquals(Set.of(f3), split.pending());
            return null;
        });
    }

    /** FIRST_EXCEPTION: a cancelled future is no exception; the first failure returns, a cancel alone waits for all. */
    @Test
    void firstExceptionIgnoresCancellations() {
        Asyncio.run(() -> {
            Task<Object> cancelled = forever();
            Task<Object> running = forever();
            Task<Object> failing = Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ZERO);
                throw new IllegalStateException("e");
            });
            steps(1);
            cancelled.cancel();
            var split = Asyncio.wait(List.of(cancelled, running, failing), null, Asyncio.ReturnWhen.FIRST_EXCEPTION);
            assertEquals(Set.of(cancelled, failing), split.done());
            assertEquals(Set.of(running), split.pending());

            Task<Object> cancelledToo = forever();
            Task<Object> finishing = afterSteps(3, null);
            steps(1);
            cancelledToo.cancel();
            split = Asyncio.wait(List.of(cancelledToo, finishing), null, Asyncio.ReturnWhen.FIRST_EXCEPTION);
            assertEquals(Set.of(), split.pending(), "a cancel made FIRST_EXCEPTION return early; CPython waits for all");
            running.cancel();
            return null;
        });
    }

    /** Cancelling the task that waits does not cancel the futures it waited for. */
    @Test
    void cancellingTheWaiterCancelsNothingElse() {
        Asyncio.run(() -> {
            Task<Object> z = forever();
            var waiter = Asyncio.createTask(() -> Asyncio.wait(List.of(z)));
            steps(1);
            waiter.cancel();
            assertThrows(CancelledError.class, waiter::await);
            assertFalse(z.isCancelled(), "wait passed its caller's cancel on; CPython's does not");
            z.cancel();
            return null;
        });
    }

    /** asCompleted hands out outcomes in the order the futures finish. */
    @Test
    void asCompletedFollowsCompletionOrder() {
        List<String> order = Asyncio.run(() -> {
            var tasks = List.of(afterSteps(3, "slow"), afterSteps(1, "fast"), afterSteps(2, "mid"));
            var seen = new ArrayList<String>();
            for (Future<String> next : Asyncio.asCompleted(tasks, null)) {
                seen.add(next.await());
            }
            return seen;
        });
        assertEquals(List.of("fast", "mid", "slow"), order);
    }

    /** After the timeout the rest raise TimeoutError, and the late task is not cancelled. */
    @Test
    void asCompletedTimeoutRaisesButDoesNotCancel() {
        Asyncio.run(() -> {
            Task<String> quick = afterSteps(0, "quick");
            Task<String> late = forever();
            var seen = new ArrayList<String>();
            for (Future<String> next : Asyncio.asCompleted(List.of(quick, late), SHORT)) {
                try {
                    seen.add(next.await());
                } catch (TimeoutError e) {
                    seen.add("TimeoutError");
                }
            }
            assertEquals(List.of("quick", "TimeoutError"), seen);
            assertFalse(late.isCancelled(), "asCompleted cancelled the late task; CPython's does not");
            late.cancel();
            return null;
        });
    }

    /** A failed future's item raises its exception; a cancelled one's raises CancelledError; none given, none handed out. */
    @Test
    void asCompletedPassesFailuresAndCancellations() {
        Asyncio.run(() -> {
            Task<Object> failing = Asyncio.createTask(() -> {
                throw new IllegalArgumentException("k");
            });
            Task<Object> cancelled = forever();
            steps(1);
            cancelled.cancel();
            var items = Asyncio.asCompleted(List.of(failing, cancelled), null).iterator();
            assertThrows(IllegalArgumentException.class, () -> items.next().await());
            assertThrows(CancelledError.class, () -> items.next().await());
            assertFalse(items.hasNext());
            assertFalse(Asyncio.asCompleted(List.<Future<Object>>of(), null).iterator().hasNext());
            return null;
        });
    }

    /**
     * A gathered child is cancelled: CPython's outer future is done, {@code cancelled()} False,
     * {@code exception()} a CancelledError, {@code await} raises it; the sibling runs on.
     */
    @Test
    void aCancelledChildFailsTheGatherWithCancelledError() {
        Asyncio.run(() -> {
            Task<Object> a = forever();
            Task<Object> b = forever();
            var outer = Asyncio.gather(a, b);
            steps(1);
            a.cancel();
            steps(2);
            assertTrue(outer.isDone(), "the gather did not finish when a child was cancelled");
            assertFalse(outer.isCancelled(), "CPython: outer.cancelled() is False when a child was cancelled");
            assertInstanceOf(CancelledError.class, outer.exception(), "CPython: outer.exception() returns the CancelledError");
            assertThrows(CancelledError.class, outer::await);
            assertFalse(b.isDone(), "the sibling was stopped; CPython's gather leaves it running");
            b.cancel();
            return null;
        });
    }

    /** gather.cancel() cancels the children; the outer then raises CancelledError but says cancelled() False, as CPython. */
    @Test
    void aCancelledGatherReportsLikeCPython() {
        Asyncio.run(() -> {
            Task<Object> a = forever();
            Task<Object> b = forever();
            var outer = Asyncio.gather(a, b);
            steps(1);
            assertTrue(outer.cancel());
            assertThrows(CancelledError.class, outer::await);
            assertFalse(outer.isCancelled(), "CPython 3.11: the cancelled gather's cancelled() is False");
            assertTrue(a.isCancelled() && b.isCancelled());
            var finished = Asyncio.gather(afterSteps(0, 1));
            finished.await();
            assertFalse(finished.cancel(), "a finished gather cannot be cancelled");
            return null;
        });
    }

    /** return_exceptions=True with a cancelled child: a CancelledError in its place, the gather not cancelled. */
    @Test
    void gatherReturnExceptionsListsTheCancellation() {
        Asyncio.run(() -> {
            Task<Object> a = forever();
            Task<Object> b = afterSteps(2, "b");
            var outer = Asyncio.gather(true, List.of(a, b));
            steps(1);
            a.cancel();
            List<Object> outcomes = outer.await();
            assertInstanceOf(CancelledError.class, outcomes.get(0));
            assertEquals("b", outcomes.get(1));
            assertFalse(outer.isCancelled());
            return null;
        });
    }
}
