package dev.rosetta.exercises.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code futures/as-completed}. The contract, one test each:
 * <ul>
 *   <li>the futures come out in the order they finish; a failure and a cancellation are finishes too;</li>
 *   <li>{@code next()} sleeps (parked, asking the futures nothing) while none has finished, and wakes
 *       for whichever finishes first, not for one in particular;</li>
 *   <li>futures finished before the call come out first, and a finished future is handed out
 *       without waiting for another;</li>
 *   <li>every future exactly once: one given twice comes out once (as in Python); {@code hasNext()}
 *       is true while one is left, finished or not, and false after the last; then {@code next()}
 *       throws {@code NoSuchElementException} at once; no futures: nothing to hand out;</li>
 *   <li>interrupted while it waits, {@code next()} stops at once by throwing, and the thread stays
 *       interrupted: the caller's interrupt is neither lost nor turned into a {@code null}.</li>
 * </ul>
 * The futures are completed by the test itself, so every order is the one the test chose.
 */
@TimeLimit(seconds = 10)
class AsCompletedTest {

    /** Futures come out in the order they finished, not the order they were given. */
    @Test
    @DisplayName("the futures come out in the order they finish, failures too")
    void completionOrder() throws Exception {
        var a = new CompletableFuture<String>();
        var b = new CompletableFuture<String>();
        var c = new CompletableFuture<String>();
        Iterator<CompletableFuture<String>> order = AsCompleted.asCompleted(List.of(a, b, c));
        c.complete("c");
        a.completeExceptionally(new IllegalStateException("a failed"));
        b.complete("b");

        var names = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<String> next = next(order, "c finished, a failed, b finished; " + names.size()
                    + " handed out so far (" + names + "): a failed future is finished too");
            names.add(next == a ? "a" : next == b ? "b" : next == c ? "c" : "a future that was never given");
        }
        assertEquals(List.of("c", "a", "b"), names, "given a, b, c; then c finished, a failed, b finished."
                + " asCompleted must hand them out in the order they finished (a failed future is finished too),"
                + " not in the order they were given");
        assertFalse(order.hasNext(), "all 3 futures were handed out, so hasNext() must say false");
    }

    /**
     * next() sleeps while nothing finishes (parked, asking nothing) and hands out a future as
     * soon as it finishes, even while the one given first is still running.
     */
    @Test
    @DisplayName("next() sleeps while nothing finishes, and wakes when one does")
    void nextSleepsUntilOneFinishes() throws Exception {
        var questions = new AtomicInteger();
        var a = new CountingFuture<String>("a", questions);
        var b = new CountingFuture<String>("b", questions);
        var c = new CountingFuture<String>("c", questions);
        Iterator<CompletableFuture<String>> order = AsCompleted.asCompleted(List.of(a, b, c));
        var consumer = Background.start("as-completed-consumer", order::next);
        try {
            Sleeping.assertAsleep(consumer, "next()", questions);
            b.complete("b");
            if (!consumer.finishedWithin(Sleeping.SOON)) {
                fail("b finished, and " + Sleeping.SOON.toMillis() + " ms later next() had still not handed it out"
                        + " (a and c are still running): it waits for one future in particular, probably the one"
                        + " given first. It must hand out whichever finishes first.");
            }
            consumer.rethrowFailure("next()");
            assertSame(b, consumer.result(), "b was the only future that had finished");
        } finally {
            a.complete("a");
            b.complete("b");
            c.complete("c");
            consumer.finish();
        }
    }

    /** Futures that finished before asCompleted was called come out first; a finished one never waits for another. */
    @Test
    @DisplayName("futures already finished come out first, each handed out without waiting for another")
    void alreadyFinishedFirstAndEachOnce() throws Exception {
        var questions = new AtomicInteger();
        var a = new CountingFuture<String>("a", questions);
        var b = new CountingFuture<String>("b", questions);
        var c = new CountingFuture<String>("c", questions);
        c.complete("c");
        List<CompletableFuture<String>> given = List.of(a, b, c);
        Iterator<CompletableFuture<String>> order = AsCompleted.asCompleted(given);
        try {
            assertTrue(order.hasNext(), "3 futures given, none handed out yet: hasNext() must say true");
            assertSame(c, next(order, "c had finished before asCompleted was called (a and b still run)"),
                    "c had finished before asCompleted was called: it comes out first");
            b.cancel(false);
            assertSame(b, next(order, "b was cancelled (a cancelled future is finished too) while a still runs"),
                    "b was cancelled while a still runs: a cancelled future is finished too");
            a.complete("a");
            assertSame(a, next(order, "a finished last"), "a finished last");
            assertFalse(order.hasNext(), "all 3 futures were handed out, so hasNext() must say false");
        } finally {
            a.complete("a");
            b.cancel(false);
        }
    }

    /** A future given twice comes out once; hasNext() counts what is left, finished or not; the end is the end. */
    @Test
    @DisplayName("every future exactly once: a duplicate once, hasNext() true until the last, then NoSuchElementException")
    void everyFutureExactlyOnce() throws Exception {
        var a = new CompletableFuture<String>();
        var b = new CompletableFuture<String>();
        Iterator<CompletableFuture<String>> order = AsCompleted.asCompleted(List.of(a, b, a));
        assertTrue(order.hasNext(), "a and b were given and neither has finished yet: hasNext() must say true"
                + " (there are futures left to hand out; it is next() that waits for them, not hasNext())");
        b.complete("b");
        a.complete("a");
        assertSame(b, next(order, "b finished, then a"), "b finished first");
        assertSame(a, next(order, "b finished, then a"), "a finished second");
        assertFalse(order.hasNext(), "a was given twice and b once, and both came out: as in Python, a future given"
                + " twice is handed out once, so hasNext() must now say false (count the distinct futures)");
        assertNextEnds(order, "after the last of the futures");
    }

    /** No futures: nothing to hand out, and next() says so at once; one future: it, once. */
    @Test
    @DisplayName("no futures: hasNext() false and next() throws at once; one future: it, once")
    void emptyAndSingle() throws Exception {
        Iterator<CompletableFuture<String>> none = AsCompleted.asCompleted(List.of());
        assertFalse(none.hasNext(), "asCompleted of no futures: hasNext() must say false at once");
        assertNextEnds(none, "with no futures given");
        var only = new CompletableFuture<String>();
        Iterator<CompletableFuture<String>> one = AsCompleted.asCompleted(List.of(only));
        only.complete("only");
        assertSame(only, next(one, "the only future finished"), "the only future");
        assertFalse(one.hasNext(), "the only future was handed out: hasNext() must say false");
    }

    /** Interrupted while waiting: next() ends at once, by throwing, with the interrupt still set. */
    @Test
    @DisplayName("interrupted while it waits, next() stops at once and the thread stays interrupted")
    void interruptStopsTheWait() throws Exception {
        var questions = new AtomicInteger();
        var a = new CountingFuture<String>("a", questions);
        Iterator<CompletableFuture<String>> order = AsCompleted.asCompleted(List.of(a));
        var stillInterrupted = new AtomicBoolean();
        var consumer = Background.start("as-completed-consumer", () -> {
            try {
                return order.next();
            } finally {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        try {
            Sleeping.assertAsleep(consumer, "next()", questions);
            consumer.thread().interrupt();
            if (!consumer.finishedWithin(Sleeping.SOON)) {
                fail("the thread waiting in next() was interrupted, and " + Sleeping.SOON.toMillis() + " ms later"
                        + " next() was still waiting: the interrupt did not stop it (an InterruptedException caught and"
                        + " the wait begun again, or a wait that ignores interrupts, such as join()). An interrupt"
                        + " means \"stop waiting\": let it end next() (throw), as every blocking call in Java does.");
            }
            if (consumer.failure() == null) {
                fail("the thread waiting in next() was interrupted, and next() returned " + consumer.result() + " although"
                        + " no future had finished. Interrupted, it must throw (say a CancellationException), never hand"
                        + " out a null or a future that is not done.");
            }
            if (!stillInterrupted.get()) {
                fail("the thread waiting in next() was interrupted; next() threw " + consumer.failure() + ", but the"
                        + " thread's interrupt status was cleared: the caller can no longer tell it was interrupted."
                        + " Catching InterruptedException clears it: call Thread.currentThread().interrupt() before"
                        + " throwing.");
            }
        } finally {
            a.complete("a");
            consumer.finish();
        }
    }

    /** next() after the end, on a thread of its own: it must throw NoSuchElementException without waiting. */
    private static void assertNextEnds(Iterator<CompletableFuture<String>> order, String scenario) throws Exception {
        var consumer = Background.start("as-completed-consumer", order::next);
        try {
            if (!Sleeping.returnsWithoutWaiting(consumer)) {
                fail("next() " + scenario + " waited for a future that will never come: with nothing left to hand out"
                        + " it must throw NoSuchElementException at once (check hasNext() at the start of next()).");
            }
            if (!(consumer.failure() instanceof NoSuchElementException)) {
                fail("next() " + scenario + " must throw NoSuchElementException, as every Iterator does at its end, but "
                        + (consumer.failure() == null ? "it returned " + consumer.result() : "it threw " + consumer.failure()));
            }
        } finally {
            if (consumer.thread().isAlive()) {
                consumer.thread().interrupt();
            }
        }
    }

    /** order.next() on a thread of its own: a next() that waits for the wrong future fails instead of hanging. */
    private static CompletableFuture<String> next(Iterator<CompletableFuture<String>> order, String scenario)
            throws Exception {
        var consumer = Background.start("as-completed-consumer", order::next);
        try {
            if (!Sleeping.returnsWithoutWaiting(consumer)) {
                fail(scenario + ", yet next() went to sleep waiting instead of handing it out: it must hand out a future"
                        + " that has finished at once, not wait for another one (the first given?)");
            }
            consumer.rethrowFailure("next()");
            return consumer.result();
        } finally {
            if (consumer.thread().isAlive()) {
                consumer.thread().interrupt();
            }
        }
    }
}
