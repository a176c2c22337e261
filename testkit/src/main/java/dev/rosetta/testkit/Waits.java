package dev.rosetta.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * "Eventually", for the waits that Awaitility does not fit: the condition is polled on the
 * calling thread, so it may do work between looks (run a check point, hand an event loop its
 * turn), and the wait gives up after a limit that the time-limit factor scales. For a plain
 * condition on a test thread, Awaitility ({@code await().atMost(TimeLimits.LONG)}) says the same.
 *
 * <pre>
 * // BAD - a hand-rolled deadline: one more clock to get wrong, and not scaled on a slow machine
 * long deadline = System.nanoTime() + 2_000_000_000L;
 * while (!done.get() &amp;&amp; System.nanoTime() &lt; deadline) { Thread.yield(); }
 *
 * // GOOD
 * if (!Waits.until(TimeLimits.MEDIUM, done::get)) fail("... never happened: ...");
 * </pre>
 *
 * <p>The limit is a bound on a failure, never a measure of speed: a condition that holds at all
 * holds long before it. Thread-safety: stateless.
 */
public final class Waits {
    private Waits() {
    }

    /**
     * A condition to look at; it may do work first, and may throw (the wait then ends with it).
     *
     * @param <E> what it may throw: nothing checked ({@code RuntimeException}) unless its body does
     */
    @FunctionalInterface
    public interface Condition<E extends Exception> {
        /** Whether it holds now. */
        boolean holds() throws E;
    }

    /**
     * Looks at {@code condition} again and again, on this thread, yielding between looks, until it
     * holds (true) or {@code limit} has passed (false, after one last look).
     *
     * @param limit a {@link TimeLimits} value, or one made with {@link TimeLimits#scaled}
     */
    public static <E extends Exception> boolean until(Duration limit, Condition<E> condition) throws E {
        Objects.requireNonNull(condition, "condition");
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                return condition.holds();
            }
            Thread.yield();
        }
        return true;
    }

    /**
     * Waits until {@code thread} is parked: {@code WAITING} or {@code TIMED_WAITING}, that is
     * inside {@code park}, {@code wait}, {@code join}, {@code sleep} or a lock's or condition's
     * wait. False if it ends first or {@code limit} passes. Note what it cannot tell apart: a thread
     * parked on the lock the test means and one parked on some other; where that matters, wait for
     * the lock's own view ({@code ReentrantLock.hasQueuedThread}, {@code hasWaiters}).
     */
    public static boolean untilParked(Thread thread, Duration limit) {
        return until(limit, () -> isParked(thread) || !thread.isAlive()) && isParked(thread);
    }

    private static boolean isParked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }
}
