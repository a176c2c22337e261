package dev.rosetta.exercises.futures;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Proves that a thread waiting for futures sleeps: it gets parked (WAITING or TIMED_WAITING)
 * soon, and while nothing completes it does not ask the futures anything.
 *
 * <p>Thread-safety: stateless.
 */
final class Sleeping {
    /** How long a thread may take to go to sleep, or to wake once a future it waits for finishes. */
    static final Duration SOON = TimeLimits.scaled(Duration.ofSeconds(2));

    private Sleeping() {
    }

    private static void failIfReturned(Background<?> call, Thread waiter, String what) {
        if (!waiter.isAlive()) {
            call.rethrowFailure(what);
            fail(what + " returned although none of the futures had finished: it must wait until one does");
        }
    }

    /**
     * Fails unless the thread of {@code call}, which is inside {@code what} waiting for futures
     * none of which has finished, is parked within {@link #SOON} and then asks them nothing for
     * {@link TimeLimits#SHORT}; it must not return meanwhile either.
     */
    static void assertAsleep(Background<?> call, String what, AtomicInteger questions) throws InterruptedException {
        Thread waiter = call.thread();
        try {
            await().atMost(SOON).pollInterval(Duration.ofMillis(5)).until(() -> parked(waiter) || !waiter.isAlive());
        } catch (ConditionTimeoutException stillAwake) {
            // reported below, with what the thread was doing
        }
        failIfReturned(call, waiter, what);
        if (!parked(waiter)) {
            fail("busy polling: no future finished for " + SOON.toMillis() + " ms, and all that time the thread in "
                    + what + " stayed " + waiter.getState() + ", asking the futures " + questions.get()
                    + " times whether they were done. A waiting thread must sleep (parked: WAITING) until a"
                    + " completion callback (whenComplete) wakes it, not spin on isDone().");
        }
        int before = questions.get();
        waiter.join(TimeLimits.SHORT);
        int asked = questions.get() - before;
        failIfReturned(call, waiter, what);
        if (asked > 2) {
            fail("polling: while no future finished, the thread in " + what + " woke up and asked the futures "
                    + asked + " times in " + TimeLimits.SHORT.toMillis() + " ms whether they were done (a loop of"
                    + " isDone() and sleep?). It must sleep until a completion callback (whenComplete) wakes it:"
                    + " then it reacts at once, and costs nothing while it waits.");
        }
    }

    private static boolean parked(Thread t) {
        Thread.State state = t.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }
}
