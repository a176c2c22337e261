package dev.rosetta.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts N threads and releases them at the same instant, so that they race for real.
 * Starting threads one by one in a loop gives the first a head start of a millisecond or so,
 * often enough to finish before the last begins: the race never happens and the test passes
 * by luck. Here every thread first reports ready, then all wait on one latch that opens once.
 *
 * <pre>{@code
 * StartGate.runTogether(4, "incrementer", i -> {
 *     for (int n = 0; n < 100_000; n++) counter.increment();
 * });
 * }</pre>
 *
 * <p>Thread-safety: each call is independent. Failures on the racing threads are rethrown on
 * the caller's thread ({@link FailureCollector}); every thread is joined before it returns.
 */
public final class StartGate {
    /** The work of racer number {@code index} (0-based). */
    @FunctionalInterface
    public interface Racer {
        /** Runs racer {@code index}. */
        void run(int index) throws Throwable;
    }

    private StartGate() {
    }

    /**
     * Runs {@code racer} on {@code threads} new platform threads named {@code name-0 ...},
     * released together; returns when all have finished.
     *
     * @throws AssertionError if a racer failed, or with a {@link ThreadReport} if they are not
     *                        done within {@link TimeLimits#LONG}
     */
    public static void runTogether(int threads, String name, Racer racer) throws InterruptedException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        var ready = new CountDownLatch(threads);
        var go = new CountDownLatch(1);
        var failures = new FailureCollector();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            started.add(Thread.ofPlatform().name(name + "-" + i).start(failures.wrap(() -> {
                ready.countDown();
                go.await();
                racer.run(index);
            })));
        }
        ready.await();
        go.countDown();
        joinAll(started, TimeLimits.LONG);
        failures.rethrow();
    }

    /** Joins every thread within {@code limit} in total, or fails with what they are doing. */
    public static void joinAll(List<Thread> threads, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread t : threads) {
            t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        List<Thread> alive = threads.stream().filter(Thread::isAlive).toList();
        if (!alive.isEmpty()) {
            String report = ThreadReport.hang(alive);
            alive.forEach(Thread::interrupt);
            throw new AssertionError(alive.size() + " thread(s) still running after " + limit.toSeconds() + " s:\n" + report);
        }
    }
}
