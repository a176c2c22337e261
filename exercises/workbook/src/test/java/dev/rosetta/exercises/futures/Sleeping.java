package dev.rosetta.exercises.futures;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Proves that a thread waiting for futures sleeps: it gets parked (WAITING or TIMED_WAITING)
 * soon, and while nothing completes it does not ask the futures anything. And the converse, for
 * a call that has everything it needs and must not wait at all: it returns without ever parking.
 * A poller is caught as soon as it has asked {@link #POLLING} questions, so a wrong answer costs
 * milliseconds, not the whole of {@link #SOON}.
 *
 * <p>Thread-safety: stateless.
 */
final class Sleeping {
    /** How long a thread may take to go to sleep, or to wake once a future it waits for finishes. */
    static final Duration SOON = TimeLimits.scaled(Duration.ofSeconds(2));
    /** More questions than any waiter that sleeps asks while nothing finishes (it asks none). */
    static final int POLLING = 50;

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
            await().atMost(SOON).pollInterval(Duration.ofMillis(5))
                    .until(() -> parked(waiter) || !waiter.isAlive() || questions.get() >= POLLING);
        } catch (ConditionTimeoutException stillAwake) {
            // reported below, with what the thread was doing
        }
        failIfReturned(call, waiter, what);
        if (questions.get() >= POLLING || !parked(waiter)) {
            String seen = questions.get() >= POLLING
                    ? "had already asked the futures " + questions.get() + " times whether they were done"
                    : "stayed " + waiter.getState() + " (awake) for " + SOON.toMillis() + " ms";
            fail("polling: no future had finished, and the thread in " + what + " " + seen + " (a loop of isDone(),"
                    + " or a spin on a flag, with or without a sleep). A waiting thread must sleep (parked: WAITING) until a"
                    + " completion callback (whenComplete) wakes it: then it reacts at once, and costs nothing while"
                    + " it waits.");
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

    /**
     * Whether {@code call}, which has everything it needs, returned without waiting. False as soon
     * as its thread is seen parked and still is {@link TimeLimits#SHORT} later (a call that need
     * not wait never parks), or when it has not returned within {@link #SOON}.
     */
    static boolean returnsWithoutWaiting(Background<?> call) throws InterruptedException {
        Thread t = call.thread();
        try {
            await().atMost(SOON).pollInterval(Duration.ofMillis(2)).until(() -> !t.isAlive() || parked(t));
        } catch (ConditionTimeoutException busy) {
            return false;
        }
        return call.finishedWithin(TimeLimits.SHORT);
    }

    private static boolean parked(Thread t) {
        Thread.State state = t.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }
}
