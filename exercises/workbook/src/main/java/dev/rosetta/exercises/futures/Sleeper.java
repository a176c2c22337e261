package dev.rosetta.exercises.futures;

import java.time.Duration;

/**
 * Something that waits (given; you do not edit it). {@link Retry} waits between attempts by
 * asking a sleeper, never by calling {@code Thread.sleep} itself: so a test can hand it a sleeper
 * that only writes down the delays asked for, and check a back-off of minutes in a millisecond.
 * This is how to make time testable: take the clock as a parameter.
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits {@code delay} (or, in a test, notes it down and returns at once). */
    void sleep(Duration delay) throws InterruptedException;

    /** The real one: {@code Thread.sleep}. */
    static Sleeper real() {
        return Thread::sleep;
    }
}
