package dev.rosetta.testkit;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Brings failures from other threads back to the test thread. An assertion that fails on a
 * worker thread only kills that thread; JUnit never hears of it. Wrap the worker's code with
 * {@link #wrap(Task)} and call {@link #rethrow()} on the test thread after joining: the first
 * failure is rethrown with the thread's name, the others attached as suppressed.
 *
 * <pre>{@code
 * var failures = new FailureCollector();
 * Thread t = Thread.ofPlatform().start(failures.wrap(() -> assertEquals(1, counter.get())));
 * t.join();
 * failures.rethrow();
 * }</pre>
 *
 * <p>Thread-safety: {@link #record} and {@link #wrap} may be called from any thread.
 */
public final class FailureCollector {
    /** Code that may throw anything, checked exceptions included. */
    @FunctionalInterface
    public interface Task {
        /** Runs the task. */
        void run() throws Throwable;
    }

    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    /** Records a failure seen on the calling thread, naming that thread. */
    public void record(Throwable failure) {
        failures.add(new AssertionError("on thread \"" + Thread.currentThread().getName() + "\": " + failure, failure));
    }

    /** A runnable that runs {@code task} and records whatever it throws. */
    public Runnable wrap(Task task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable failure) {
                record(failure);
            }
        };
    }

    /** The failures recorded so far, oldest first. */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Throws the first recorded failure, with every later one suppressed; returns if there were none. */
    public void rethrow() {
        List<Throwable> all = failures();
        if (all.isEmpty()) {
            return;
        }
        AssertionError first = new AssertionError(all.size() + " failure(s) on other threads; the first: "
                + all.getFirst().getMessage(), all.getFirst().getCause());
        all.stream().skip(1).forEach(first::addSuppressed);
        throw first;
    }
}
