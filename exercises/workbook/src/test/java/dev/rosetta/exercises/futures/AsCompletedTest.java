package dev.rosetta.exercises.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code futures/as-completed}. */
@TimeLimit(seconds = 10)
class AsCompletedTest {

    /** Futures come out in the order they finished, not the order they were given. */
    @Test
    @DisplayName("the futures come out in the order they finish, failures too")
    void completionOrder() {
        var a = new CompletableFuture<String>();
        var b = new CompletableFuture<String>();
        var c = new CompletableFuture<String>();
        Iterator<CompletableFuture<String>> order = AsCompleted.asCompleted(List.of(a, b, c));
        c.complete("c");
        a.completeExceptionally(new IllegalStateException("a failed"));
        b.complete("b");

        var names = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<String> next = order.next();
            names.add(next == a ? "a" : next == b ? "b" : next == c ? "c" : "a future that was never given");
        }
        assertEquals(List.of("c", "a", "b"), names, "given a, b, c; then c finished, a failed, b finished."
                + " asCompleted must hand them out in the order they finished (a failed future is finished too),"
                + " not in the order they were given");
        assertFalse(order.hasNext(), "all 3 futures were handed out, so hasNext() must say false");
        assertThrows(NoSuchElementException.class, order::next, "next() after the last future");
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

    /** Futures that finished before asCompleted was called come out first, and each future exactly once. */
    @Test
    @DisplayName("futures already finished come out first, and every future exactly once")
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

    /** order.next() on a thread of its own: a next() that waits for the wrong future fails instead of hanging. */
    private static CompletableFuture<String> next(Iterator<CompletableFuture<String>> order, String scenario)
            throws Exception {
        var consumer = Background.start("as-completed-consumer", order::next);
        try {
            if (!consumer.finishedWithin(Sleeping.SOON)) {
                fail(scenario + ", yet next() was still waiting " + Sleeping.SOON.toMillis() + " ms later: it must"
                        + " hand out a future that has finished, not wait for another one");
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
