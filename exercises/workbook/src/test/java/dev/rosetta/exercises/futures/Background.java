package dev.rosetta.exercises.futures;

import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A call that may block, run on a thread of its own so that the test can say how long it is
 * willing to wait for it, and explain when it waited in vain. The thread must be gone when the
 * test ends: after unblocking whatever the call waits for, {@link #finish()} joins it.
 *
 * <p>Thread-safety: start, ask and finish from the test thread.
 */
final class Background<T> {
    private final Thread thread;
    private volatile T result;
    private volatile Throwable failure;

    private Background(String name, Callable<T> call) {
        thread = Thread.ofPlatform().name(name).unstarted(() -> {
            try {
                result = call.call();
            } catch (Throwable t) {
                failure = t;
            }
        });
    }

    /** Starts {@code call} on a new platform thread called {@code name}. */
    static <T> Background<T> start(String name, Callable<T> call) {
        var background = new Background<>(name, call);
        background.thread.start();
        return background;
    }

    /** Whether the call has returned or thrown within {@code limit}. */
    boolean finishedWithin(Duration limit) throws InterruptedException {
        thread.join(limit);
        return !thread.isAlive();
    }

    /** What the call returned (null if it threw or has not finished). */
    T result() {
        return result;
    }

    /** What the call threw (null if it returned or has not finished). */
    Throwable failure() {
        return failure;
    }

    /**
     * Throws what the call threw, if it threw: a stub's TODO ({@code UnsupportedOperationException})
     * or an {@code AssertionError} as it is, anything else wrapped in an {@code AssertionError} that
     * names the call, the scenario in it, and the thread (so the coach shows the frames of the
     * code that threw: "on thread").
     */
    void rethrowFailure(String call) {
        Throwable thrown = failure;
        if (thrown instanceof UnsupportedOperationException todo) {
            throw todo;
        }
        if (thrown instanceof AssertionError assertion) {
            throw assertion;
        }
        if (thrown != null) {
            throw new AssertionError(call + " threw " + thrown + " on thread " + thread.getName(), thrown);
        }
    }

    /** The thread the call runs on. */
    Thread thread() {
        return thread;
    }

    /** Joins the thread once the test has unblocked it; interrupts it if it still will not end. */
    void finish() throws InterruptedException {
        if (!finishedWithin(TimeLimits.LONG)) {
            thread.interrupt();
            thread.join(TimeLimits.MEDIUM);
        }
    }
}
