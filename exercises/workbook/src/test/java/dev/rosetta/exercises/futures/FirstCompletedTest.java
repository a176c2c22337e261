package dev.rosetta.exercises.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import dev.rosetta.testkit.TimeLimit;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code futures/first-completed}. The contract, one test each:
 * <ul>
 *   <li>while nothing has finished the caller sleeps (parked, asking the futures nothing), and it
 *       returns as soon as one finishes; a failure is a finish too;</li>
 *   <li>{@code done} holds every future finished by then, not only the one that woke the caller
 *       (finished before the call, or cancelled: a cancellation is a finish too); {@code notDone}
 *       the rest; each future once, a duplicate too;</li>
 *   <li>no futures: it returns at once, both sets empty (as Python's {@code wait([])});</li>
 *   <li>a timeout of any size: {@code 0} looks and returns at once (it does not mean "for ever");
 *       a short one that passes returns the split, {@code done} empty, rather than throwing; a huge
 *       one ({@code ChronoUnit.FOREVER}) waits like no timeout at all, with no overflow;</li>
 *   <li>interrupted while it waits, it throws {@code InterruptedException} at once: the caller's
 *       interrupt is neither swallowed nor turned into an early, empty answer.</li>
 * </ul>
 * The futures are completed by the test itself, so every order is the one the test chose.
 */
@TimeLimit(seconds = 10)
class FirstCompletedTest {
    private static final Duration NO_LIMIT = null;

    /** The caller sleeps while nothing finishes, and returns as soon as one future fails. */
    @Test
    @DisplayName("sleeps while nothing finishes, returns as soon as one does")
    void sleepsThenReturnsAtTheFirst() throws Exception {
        var questions = new AtomicInteger();
        var a = new CountingFuture<String>("a", questions);
        var b = new CountingFuture<String>("b", questions);
        var c = new CountingFuture<String>("c", questions);
        var waiter = Background.start("first-completed-waiter",
                () -> FirstCompleted.waitFirstCompleted(List.<CompletableFuture<String>>of(a, b, c), NO_LIMIT));
        try {
            Sleeping.assertAsleep(waiter, "waitFirstCompleted", questions);
            b.completeExceptionally(new IOException("b failed"));
            if (!waiter.finishedWithin(Sleeping.SOON)) {
                fail("b failed (a failure is finished too), and " + Sleeping.SOON.toMillis() + " ms later"
                        + " waitFirstCompleted was still waiting, for a and c. FIRST_COMPLETED returns as soon as one"
                        + " future is done; it does not wait for all of them (nor hear only of successes: thenRun and"
                        + " thenAccept skip failures; whenComplete hears of every finish).");
            }
            DoneAndNotDone<String> split = resultOf(waiter, "b failed");
            assertEquals(Set.of(b), split.done(), "only b had finished (it failed)");
            assertEquals(Set.of(a, c), split.notDone(), "a and c were still running");
        } finally {
            a.complete("a");
            b.complete("b");
            c.complete("c");
            waiter.finish();
        }
    }

    /** A huge timeout is no timeout: the same story, without an overflow. */
    @Test
    @DisplayName("a huge timeout (ChronoUnit.FOREVER) waits like none, without overflowing")
    void aHugeTimeoutWaitsLikeNone() throws Exception {
        var questions = new AtomicInteger();
        var a = new CountingFuture<String>("a", questions);
        var waiter = Background.start("first-completed-waiter", () -> FirstCompleted.waitFirstCompleted(
                List.<CompletableFuture<String>>of(a), ChronoUnit.FOREVER.getDuration()));
        String what = "waitFirstCompleted with a timeout of ChronoUnit.FOREVER (Long.MAX_VALUE seconds:"
                + " timeout.toNanos() and toMillis() throw ArithmeticException, and System.nanoTime() + nanos"
                + " overflows; treat a timeout that big as none)";
        try {
            Sleeping.assertAsleep(waiter, what, questions);
            a.complete("a");
            if (!waiter.finishedWithin(Sleeping.SOON)) {
                fail("a finished, and " + Sleeping.SOON.toMillis() + " ms later " + what + " was still waiting");
            }
            DoneAndNotDone<String> split = resultOf(waiter, what);
            assertEquals(Set.of(a), split.done(), what + ": a had finished");
        } finally {
            a.complete("a");
            waiter.finish();
        }
    }

    /** Futures that finished before the call (a cancelled one too) return at once, all of them in done. */
    @Test
    @DisplayName("every future already finished is in done, a cancelled one too, not only the first")
    void everyFinishedFutureIsDone() throws Exception {
        var a = new CompletableFuture<String>();
        var b = new CompletableFuture<String>();
        var c = new CompletableFuture<String>();
        var d = new CompletableFuture<String>();
        a.complete("a");
        c.completeExceptionally(new IllegalStateException("c failed"));
        d.cancel(false);
        DoneAndNotDone<String> split = callWithoutWaiting(List.of(a, b, c, d, a), NO_LIMIT,
                "a had finished, c had failed and d was cancelled before the call (b never finishes)");
        if (split.done().containsAll(Set.of(a, c)) && !split.done().contains(d)) {
            fail("d was cancelled before waitFirstCompleted was called, yet it is not in done: a cancelled future"
                    + " is done too (isDone() says so), as in Python");
        }
        assertEquals(Set.of(a, c, d), split.done(), "a had finished, c had failed and d was cancelled before"
                + " waitFirstCompleted was called: done must hold every future finished by the time it returns, not"
                + " only the one that woke it (the caller would wait again for a future long done)");
        assertEquals(Set.of(b), split.notDone(), "only b was still running (a was given twice: it is one future)");
    }

    /** No futures: nothing to wait for. */
    @Test
    @DisplayName("no futures: returns at once, done and notDone empty")
    void noFuturesReturnsAtOnce() throws Exception {
        DoneAndNotDone<String> split = callWithoutWaiting(List.of(), NO_LIMIT,
                "waitFirstCompleted was given no futures at all (as Python's wait([]), there is nothing to wait for)");
        assertEquals(Set.of(), split.done(), "no futures were given: done must be empty");
        assertEquals(Set.of(), split.notDone(), "no futures were given: notDone must be empty");
    }

    /** A timeout of zero looks once and returns: it does not mean "wait for ever". */
    @Test
    @DisplayName("a timeout of 0 returns at once, with what is done now")
    void aZeroTimeoutReturnsAtOnce() throws Exception {
        var a = new CompletableFuture<String>();
        var b = new CompletableFuture<String>();
        DoneAndNotDone<String> none = callWithoutWaiting(List.of(a, b), Duration.ZERO,
                "waitFirstCompleted(futures, Duration.ZERO) with none finished: a timeout of 0 means \"do not wait\""
                        + " (only Object.wait(0) reads 0 as \"for ever\": do not pass a 0 on to it)");
        assertEquals(Set.of(), none.done(), "timeout 0, nothing finished: done must be empty");
        assertEquals(Set.of(a, b), none.notDone(), "timeout 0, nothing finished: both are not done");
        b.complete("b");
        DoneAndNotDone<String> one = callWithoutWaiting(List.of(a, b), Duration.ZERO,
                "waitFirstCompleted(futures, Duration.ZERO) with b finished");
        assertEquals(Set.of(b), one.done(), "timeout 0, b finished: done must hold b");
        assertEquals(Set.of(a), one.notDone(), "timeout 0, b finished: a is not done");
    }

    /** A timeout that passes with nothing finished returns the split, done empty; it does not throw. */
    @Test
    @DisplayName("a timeout that passes returns done empty, not an exception")
    void aTimeoutThatPassesReturnsTheSplit() throws Exception {
        var a = new CompletableFuture<String>();
        Duration timeout = Duration.ofMillis(20);
        var waiter = Background.start("first-completed-waiter",
                () -> FirstCompleted.waitFirstCompleted(List.<CompletableFuture<String>>of(a), timeout));
        try {
            if (!waiter.finishedWithin(Sleeping.SOON)) {
                fail("waitFirstCompleted(futures, 20 ms) with a future that never finishes was still waiting "
                        + Sleeping.SOON.toMillis() + " ms later: it must give up when the timeout has passed");
            }
            DoneAndNotDone<String> split = resultOf(waiter, "when its 20 ms timeout passed (Python's wait returns"
                    + " then, with done empty: a timeout is an answer, not an error)");
            assertEquals(Set.of(), split.done(), "the timeout passed and nothing had finished: done must be empty");
            assertEquals(Set.of(a), split.notDone(), "the timeout passed: a is not done");
        } finally {
            a.complete("a");
            waiter.finish();
        }
    }

    /** Interrupted while it sleeps, it throws InterruptedException, at once. */
    @Test
    @DisplayName("interrupted while it waits, it throws InterruptedException")
    void interruptStopsTheWait() throws Exception {
        var questions = new AtomicInteger();
        var a = new CountingFuture<String>("a", questions);
        var waiter = Background.start("first-completed-waiter",
                () -> FirstCompleted.waitFirstCompleted(List.<CompletableFuture<String>>of(a), NO_LIMIT));
        try {
            Sleeping.assertAsleep(waiter, "waitFirstCompleted", questions);
            waiter.thread().interrupt();
            if (!waiter.finishedWithin(Sleeping.SOON)) {
                fail("the thread in waitFirstCompleted was interrupted, and " + Sleeping.SOON.toMillis() + " ms later it"
                        + " was still waiting: the interrupt did not stop it (an InterruptedException caught and the"
                        + " wait begun again, or a wait that ignores interrupts, such as join()). Let it out: the"
                        + " method declares throws InterruptedException for that.");
            }
            if (!(waiter.failure() instanceof InterruptedException)) {
                fail("the thread in waitFirstCompleted was interrupted while nothing had finished; it must throw"
                        + " InterruptedException (the caller's interrupt stays an interrupt), but "
                        + (waiter.failure() == null ? "it returned " + waiter.result() + ": the interrupt was caught and"
                        + " swallowed, and the caller takes an early, empty answer for a real one"
                        : "it threw " + waiter.failure()));
            }
        } finally {
            a.complete("a");
            waiter.finish();
        }
    }

    /** Calls waitFirstCompleted on a thread of its own, where it must not need to wait; its answer. */
    private static DoneAndNotDone<String> callWithoutWaiting(List<CompletableFuture<String>> futures, Duration timeout,
                                                             String scenario) throws Exception {
        var waiter = Background.start("first-completed-waiter",
                () -> FirstCompleted.waitFirstCompleted(futures, timeout));
        try {
            if (!Sleeping.returnsWithoutWaiting(waiter)) {
                fail(scenario + ", yet waitFirstCompleted went to sleep instead of returning at once");
            }
            return resultOf(waiter, scenario);
        } finally {
            if (waiter.thread().isAlive()) {
                waiter.thread().interrupt();
            }
        }
    }

    private static DoneAndNotDone<String> resultOf(Background<DoneAndNotDone<String>> waiter, String scenario) {
        waiter.rethrowFailure("waitFirstCompleted (" + scenario + ")");
        if (waiter.result() == null) {
            fail("waitFirstCompleted returned null instead of a DoneAndNotDone (" + scenario + ")");
        }
        return waiter.result();
    }
}
