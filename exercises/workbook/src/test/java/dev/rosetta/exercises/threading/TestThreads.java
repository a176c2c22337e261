package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.ThreadReport;
import dev.rosetta.testkit.TimeLimits;
import dev.rosetta.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The threads one test starts, for the threading exercises' tests: started with their failures
 * collected, waited for with a bound (a call that should end at once and does not is reported by
 * name, with the stack of the thread it hangs on), and all interrupted and joined by
 * {@link #stopAll()} after the test, so that none outlives it.
 *
 * <p>Thread-safety: used from the test thread only.
 */
final class TestThreads {
    /** How long a call that should end at once may take before the test calls it stuck. */
    static final Duration STUCK = TimeLimits.scaled(Duration.ofSeconds(2));

    final FailureCollector failures = new FailureCollector();
    private final List<Thread> started = new ArrayList<>();

    /** Starts {@code task} on a new platform thread named {@code name}. */
    Thread start(String name, FailureCollector.Task task) {
        Thread t = Thread.ofPlatform().name(name).start(failures.wrap(task));
        started.add(t);
        return t;
    }

    /**
     * Waits until {@code t} has ended, then rethrows what failed on it; if it has not ended within
     * {@link #STUCK}, fails with "{@code call} never returned", {@code why}, and where {@code t} is.
     */
    void finish(Thread t, String call, String why) throws InterruptedException {
        if (!t.join(STUCK)) {
            fail(call + " never returned: " + why + "\nWhere " + t.getName() + " is stuck:\n" + ThreadReport.of(List.of(t)));
        }
        failures.rethrow();
    }

    /**
     * As {@link #finish}, but if {@code t} is stuck, first runs {@code release} (which ends the
     * wait the way the test expected it to end, say by putting an item), so that the thread does
     * not outlive the test.
     */
    void finish(Thread t, String call, String why, FailureCollector.Task release) throws Throwable {
        if (!t.join(STUCK)) {
            String report = ThreadReport.of(List.of(t));
            release.run();
            t.join(STUCK);
            fail(call + " never returned: " + why + "\nWhere " + t.getName() + " was stuck:\n" + report);
        }
        failures.rethrow();
    }

    /**
     * Waits until {@code t} is parked on a condition of {@code lock} (waiting, not holding the lock
     * nor queued for it); fails, naming {@code call}, if {@code t} ends first or never gets there.
     */
    void awaitWaiting(Thread t, WatchedLock lock, String call) {
        awaitUntil(() -> lock.waitsOnACondition(t), t, () -> call + " should wait on the condition (await), but "
                + t.getName() + " is " + t.getState() + " and not waiting on it (spinning? waiting for something else?)",
                call + " returned at once; it should have waited");
    }

    /**
     * Waits until {@code condition} holds; fails with {@code stuck} if it does not within
     * {@link #STUCK}, or with {@code ended} (after what failed on it) if {@code t} ends first.
     */
    void awaitUntil(BooleanSupplier condition, Thread t, Supplier<String> stuck, String ended) {
        boolean held = Waits.until(STUCK, () -> condition.getAsBoolean() || t != null && !t.isAlive());
        if (condition.getAsBoolean()) {
            return;
        }
        if (held) {
            failures.rethrow();
            fail(ended);
        }
        fail(stuck.get() + "\n" + (t == null ? "" : ThreadReport.of(List.of(t))));
    }

    /** Interrupts every thread this test started and joins them (a {@code @AfterEach}). */
    void stopAll() throws InterruptedException {
        started.forEach(Thread::interrupt);
        StartGate.joinAll(started, TimeLimits.LONG);
    }

    /** A call that may block, and be interrupted. */
    @FunctionalInterface
    interface Blocking {
        /** Makes the call. */
        Object call() throws InterruptedException;
    }

    /** What {@code call} ended with: its result, or the exception it threw. */
    static Object outcomeOf(Blocking call) {
        try {
            return call.call();
        } catch (InterruptedException | RuntimeException e) {
            return e;
        }
    }

    /**
     * Fails unless {@code outcome} (of {@code call}, interrupted while it waited) is an
     * InterruptedException. A void call's outcome is a sentence starting "returned".
     */
    static void assertInterrupted(Object outcome, String call, String advice) {
        if (outcome instanceof InterruptedException) {
            return;
        }
        String ended = outcome instanceof Throwable t ? "threw " + t
                : outcome instanceof String text && text.startsWith("returned") ? text : "returned " + outcome;
        fail(call + " was interrupted while it waited and " + ended + ", instead of throwing InterruptedException:"
                + " an interrupt is the caller asking it to stop, never a value and never a reason to wait on; "
                + advice + ".");
    }

    /** Fails if {@code lock} is still held after {@code call} was interrupted. */
    static void assertFree(WatchedLock lock, String call) {
        if (lock.isLocked()) {
            fail("after " + call + " was interrupted, the lock is still held (by " + lock.holder() + "): the"
                    + " InterruptedException skipped the unlock. Unlock in a finally block.");
        }
    }
}
