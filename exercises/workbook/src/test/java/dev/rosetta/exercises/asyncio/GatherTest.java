package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.EventLoop;
import dev.rosetta.asyncio.ExceptionContext;
import dev.rosetta.asyncio.Future;
import dev.rosetta.asyncio.Task;
import dev.rosetta.testkit.TimeLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code asyncio/gather}. The contract, one test each (the children are futures the
 * tests complete themselves, so every interleaving is forced):
 * <ol>
 * <li>{@code gather} returns a pending future at once, without awaiting (it works from a plain callback);</li>
 * <li>the results come in the order the children were given, not the order they finished;</li>
 * <li>the first failure fails the gather at once (within a turn or two), while other children still run,
 *     and does not cancel them;</li>
 * <li>the failure is the child's own exception: never turned into a {@code null} result, never wrapped;</li>
 * <li>a cancelled child cancels the gather: whoever awaits it gets {@code CancelledError}, not a hang;</li>
 * <li>children that finish after the gather is done are ignored, not a second completion;</li>
 * <li>children already done, the same future given twice (its result in both places), one child, and
 *     none at all (done at once, with an empty list).</li>
 * </ol>
 */
@TimeLimit(seconds = 20)
class GatherTest {

    /** Pending futures of the running loop, completed by the test. */
    private static List<Future<String>> futures(int n) {
        var children = new ArrayList<Future<String>>();
        for (int i = 0; i < n; i++) {
            children.add(Asyncio.getRunningLoop().createFuture());
        }
        return children;
    }

    /** The gather must be done within a few loop turns, or the message says what it still waits for. */
    private static void mustBeDoneSoon(Future<?> gathered, String after) {
        if (!LoopTurns.within(gathered::isDone)) {
            fail("the future Gather.gather returned was still pending " + LoopTurns.PATIENCE + " loop turns after "
                    + after + ". Its done callbacks run one turn after a child finishes: the callback for that child"
                    + " must complete the outer future there and then, not wait for the other children.");
        }
    }

    /** gather hands back a pending future without awaiting anything: it can be called from a callback. */
    @Test
    @DisplayName("gather returns a pending future at once, even when called from a callback")
    void returnsAPendingFutureAtOnce() {
        Asyncio.run(() -> {
            List<Future<String>> children = futures(2);
            EventLoop loop = Asyncio.getRunningLoop();
            List<Object> outcome = new ArrayList<>();
            loop.callSoon(() -> {
                try {
                    outcome.add(Gather.gather(children));
                } catch (Throwable t) {
                    outcome.add(t);
                }
            });
            LoopTurns.pass(2);
            if (!(outcome.getFirst() instanceof Future<?> gathered)) {
                throw new AssertionError("Gather.gather, called from a plain loop callback, threw " + outcome.getFirst()
                        + ". gather must return its future at once and complete it later from done callbacks;"
                        + " it must not await the children itself.", (Throwable) outcome.getFirst());
            }
            assertFalse(gathered.isDone(), "neither child is done yet, but the gather already is");
            children.get(0).setResult("a");
            children.get(1).setResult("b");
            assertEquals(List.of("a", "b"), gathered.await());
            return null;
        });
    }

    /** Children that finish in reverse order still come back in the order given. */
    @Test
    @DisplayName("results come back in the order given, not the order they finished")
    void resultsInTheOrderGiven() {
        List<String> results = Asyncio.run(() -> {
            List<Future<String>> children = futures(5);
            Future<List<String>> all = Gather.gather(children);
            for (int i = 4; i >= 0; i--) { // child 4 finishes first, child 0 last
                children.get(i).setResult("child-" + i);
                LoopTurns.pass(1);
            }
            mustBeDoneSoon(all, "the last child finished");
            return all.result();
        });
        assertEquals(List.of("child-0", "child-1", "child-2", "child-3", "child-4"), results,
                "the children finished 4, 3, 2, 1, 0: gather must put each result in its child's place");
    }

    /** A failure fails the gather while a sibling is still pending, and the sibling is left alone. */
    @Test
    @DisplayName("the first failure fails the gather at once, and the others keep running")
    void firstFailureFailsAtOnce() {
        Asyncio.run(() -> {
            List<Future<String>> children = futures(3);
            Future<List<String>> all = Gather.gather(children);
            var failure = new IllegalStateException("child 1 failed");
            children.get(1).setException(failure); // child 0 before it and child 2 after it are still running
            mustBeDoneSoon(all, "child 1 failed (children 0 and 2 are still pending)");
            assertFalse(all.isCancelled(), "child 1 failed: the gather must fail with its exception, not be cancelled");
            assertSame(failure, all.exception(), "the gather must fail with the child's own exception, as it was"
                    + " raised (the same object), not a wrapper around it");
            assertFalse(children.get(0).isDone() || children.get(2).isDone(),
                    "gather must not cancel the others (that is TaskGroup's job)");
            return null;
        });
    }

    /** A failing child among successes is an exception, never a null in the list. */
    @Test
    @DisplayName("a failure is never turned into a null result")
    void failureIsNeverNull() {
        Asyncio.run(() -> {
            List<Future<String>> children = futures(3);
            Future<List<String>> all = Gather.gather(children);
            children.get(0).setResult("zero");
            var failure = new IllegalArgumentException("child 1 failed");
            children.get(1).setException(failure);
            children.get(2).setResult("two");
            mustBeDoneSoon(all, "every child finished, child 1 with an exception");
            if (!all.isCancelled() && all.exception() == null) {
                fail("child 1 failed, yet the gather succeeded with " + all.result() + ": an exception was swallowed"
                        + " (its slot left null). A failed child must fail the gather with its exception.");
            }
            assertSame(failure, all.exception(), "the gather must fail with child 1's own exception");
            return null;
        });
    }

    /** A cancelled child cancels the gather; the awaiting caller gets CancelledError. */
    @Test
    @DisplayName("a cancelled child cancels the gather instead of hanging it")
    void cancelledChildCancelsTheGather() {
        Asyncio.run(() -> {
            List<Future<String>> children = futures(2);
            Future<List<String>> all = Gather.gather(children);
            children.get(0).cancel();
            if (!LoopTurns.within(all::isDone)) {
                fail("child 0 was cancelled and the gather was still pending " + LoopTurns.PATIENCE + " loop turns"
                        + " later: a cancelled child has no result and no exception (exception() throws"
                        + " CancelledError in your callback). Check isCancelled() first and cancel the gather.");
            }
            assertTrue(all.isCancelled(), "child 0 was cancelled: the gather must be cancelled too (Python's gather"
                    + " raises CancelledError), but it is " + all);
            children.get(1).cancel();
            return null;
        });
    }

    /** Children finishing after the gather is done change nothing and raise nothing. */
    @Test
    @DisplayName("children that finish after the gather is done are ignored")
    void lateChildrenAreIgnored() {
        Asyncio.run(() -> {
            var reported = new ArrayList<ExceptionContext>();
            Asyncio.getRunningLoop().setExceptionHandler(reported::add);
            List<Future<String>> children = futures(3);
            Future<List<String>> all = Gather.gather(children);
            var first = new IllegalStateException("child 0 failed first");
            children.get(0).setException(first);
            mustBeDoneSoon(all, "child 0 failed");
            children.get(1).setException(new IllegalStateException("child 1 failed later"));
            children.get(2).setResult("late");
            LoopTurns.pass(3);
            Asyncio.getRunningLoop().setExceptionHandler(null);
            if (!reported.isEmpty()) {
                fail("children that finished after the gather was done made a callback throw: "
                        + reported.getFirst().exception() + ". Once the outer future is done, a done callback must"
                        + " return without touching it (setResult/setException on a done future is an error).");
            }
            assertSame(first, all.exception(), "the first failure decides the gather; later ones change nothing");
            return null;
        });
    }

    /** Already-done children, a future given twice, one child and none. */
    @Test
    @DisplayName("already-finished children, the same future twice, one child and an empty list")
    void edgeCases() {
        Asyncio.run(() -> {
            Future<Integer> done = Asyncio.getRunningLoop().createFuture();
            done.setResult(7);
            assertEquals(List.of(7), Gather.gather(List.of(done)).await(), "one child, already done");

            Future<Integer> twice = Asyncio.getRunningLoop().createFuture();
            Future<Integer> other = Asyncio.getRunningLoop().createFuture();
            Future<List<Integer>> both = Gather.gather(List.of(twice, other, twice));
            twice.setResult(1);
            other.setResult(2);
            mustBeDoneSoon(both, "every child finished (one future was given twice)");
            if (both.result().stream().noneMatch(r -> r == null) && !both.result().equals(List.of(1, 2, 1))) {
                fail("the same future given twice, at places 0 and 2, finished first with 1, then the other with 2;"
                        + " the gather gave " + both.result() + " instead of [1, 2, 1]: the results are in the order"
                        + " the children finished: put each result in its child's place (the index in the loop that"
                        + " adds the callbacks)");
            }
            assertEquals(List.of(1, 2, 1), both.result(), "the same future given twice, at places 0 and 2: its result"
                    + " belongs in both places. Find a child's place by its index in the loop that adds the"
                    + " callbacks, not with children.indexOf(child), which finds only the first");

            Task<Integer> task = Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ZERO);
                return 3;
            });
            assertEquals(List.of(3), Gather.gather(List.of(task)).await(), "one task, awaited through the gather");

            Future<List<Integer>> empty = Gather.gather(List.of());
            assertTrue(empty.isDone(), "gather of nothing is done at once");
            assertEquals(List.of(), empty.result());
            return null;
        });
    }
}
