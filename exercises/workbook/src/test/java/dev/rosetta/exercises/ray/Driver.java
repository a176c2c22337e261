package dev.rosetta.exercises.ray;

import dev.rosetta.testkit.TimeLimits;
import dev.rosetta.testkit.Waits;
import java.util.concurrent.Callable;

/**
 * The Ray driver: the caller's program, run on a thread of its own ({@code ray-driver}) so that
 * the test can see where it waits. "It parked" (waiting in a {@code get} or {@code wait}) while
 * the test holds every worker is the moment to look at what it has submitted so far.
 *
 * <p>Thread-safety: start, ask and finish from the test thread.
 */
final class Driver<T> {
    private final Thread thread;
    private volatile T result;
    private volatile Throwable failure;

    private Driver(Callable<T> call) {
        thread = Thread.ofPlatform().name("ray-driver").unstarted(() -> {
            try {
                result = call.call();
            } catch (Throwable t) {
                failure = t;
            }
        });
    }

    /** Runs {@code call} on a new thread called {@code ray-driver}. */
    static <T> Driver<T> start(Callable<T> call) {
        var driver = new Driver<>(call);
        driver.thread.start();
        return driver;
    }

    /** Waits until the driver parks (true) or ends (false). */
    boolean parks() {
        return Waits.untilParked(thread, TimeLimits.MEDIUM);
    }

    /** Whether it has ended. */
    boolean ended() {
        return !thread.isAlive();
    }

    /** Waits for it to end and returns its result, rethrowing what it threw; fails if it will not end. */
    T result(String call) throws InterruptedException {
        thread.join(TimeLimits.LONG);
        if (thread.isAlive()) {
            throw new AssertionError(call + " did not return within " + TimeLimits.LONG.toSeconds() + " s though every"
                    + " task had run");
        }
        Throwable thrown = failure;
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        if (thrown != null) {
            throw new AssertionError(call + " threw " + thrown, thrown);
        }
        return result;
    }

    /** What it threw, once ended (null if it returned). */
    Throwable failure() {
        return failure;
    }

    /** Ends the test: interrupts it if it still runs, and joins it. */
    void finish() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeLimits.MEDIUM);
    }
}
