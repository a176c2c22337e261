package dev.rosetta.exercises.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import dev.rosetta.testkit.TimeLimit;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code futures/first-completed}. */
@TimeLimit(seconds = 10)
class FirstCompletedTest {

    /** The caller sleeps while nothing finishes, and returns as soon as one future fails. */
    @Test
    @DisplayName("sleeps while nothing finishes, returns as soon as one does")
    void sleepsThenReturnsAtTheFirst() throws Exception {
        var questions = new AtomicInteger();
        var a = new CountingFuture<String>("a", questions);
        var b = new CountingFuture<String>("b", questions);
        var c = new CountingFuture<String>("c", questions);
        var waiter = Background.start("first-completed-waiter",
                () -> FirstCompleted.waitFirstCompleted(List.<CompletableFuture<String>>of(a, b, c)));
        try {
            Sleeping.assertAsleep(waiter, "waitFirstCompleted", questions);
            b.completeExceptionally(new IOException("b failed"));
            if (!waiter.finishedWithin(Sleeping.SOON)) {
                fail("b failed (a failure is finished too), and " + Sleeping.SOON.toMillis() + " ms later"
                        + " waitFirstCompleted was still waiting, for a and c. FIRST_COMPLETED returns as soon as"
                        + " one future is done; it does not wait for all of them.");
            }
            DoneAndNotDone<String> split = resultOf(waiter);
            assertEquals(Set.of(b), split.done(), "only b had finished (it failed)");
            assertEquals(Set.of(a, c), split.notDone(), "a and c were still running");
        } finally {
            a.complete("a");
            b.complete("b");
            c.complete("c");
            waiter.finish();
        }
    }

    /** Futures that finished before the call return at once, all of them in done. */
    @Test
    @DisplayName("every future already finished is in done, not only the first")
    void everyFinishedFutureIsDone() throws Exception {
        var questions = new AtomicInteger();
        var a = new CountingFuture<String>("a", questions);
        var b = new CountingFuture<String>("b", questions);
        var c = new CountingFuture<String>("c", questions);
        a.complete("a");
        c.completeExceptionally(new IllegalStateException("c failed"));
        var waiter = Background.start("first-completed-waiter",
                () -> FirstCompleted.waitFirstCompleted(List.<CompletableFuture<String>>of(a, b, c)));
        try {
            if (!waiter.finishedWithin(Sleeping.SOON)) {
                fail("a had finished and c had failed before the call, yet waitFirstCompleted was still waiting "
                        + Sleeping.SOON.toMillis() + " ms later (b never finishes). It must return as soon as one"
                        + " is done, not wait for all.");
            }
            DoneAndNotDone<String> split = resultOf(waiter);
            assertEquals(Set.of(a, c), split.done(), "a had finished and c had failed before waitFirstCompleted was"
                    + " called: done must hold every future finished by the time it returns, not only the one"
                    + " that woke it (the caller would wait again for a future long done)");
            assertEquals(Set.of(b), split.notDone(), "only b was still running");
        } finally {
            b.complete("b");
            waiter.finish();
        }
    }

    private static DoneAndNotDone<String> resultOf(Background<DoneAndNotDone<String>> waiter) {
        waiter.rethrowFailure("waitFirstCompleted");
        if (waiter.result() == null) {
            fail("waitFirstCompleted returned null instead of a DoneAndNotDone");
        }
        return waiter.result();
    }
}
