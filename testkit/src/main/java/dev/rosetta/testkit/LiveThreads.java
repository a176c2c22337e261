package dev.rosetta.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Which platform threads exist, and which of them a test started. JVM and tool housekeeping
 * threads (the common pool, the virtual-thread carriers, the process reaper, JUnit's own) are
 * not counted: a test did not start them and cannot stop them.
 *
 * <p>Used by {@link TimeLimitExtension} and by the coach, which must know when a test left
 * threads behind that it cannot stop. Thread-safety: stateless.
 */
public final class LiveThreads {
    private static final Set<String> HOUSEKEEPING = Set.of(
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Attach Listener", "Notification Thread",
            "Common-Cleaner", "process reaper", "Read-Poller", "Write-Poller", "VirtualThread-unparker",
            "main", "DestroyJavaVM",
            "Java2D Disposer");     // started by the first image drawn (the tour's charts); lives as long as the JVM
    private static final List<String> HOUSEKEEPING_PREFIXES = List.of(
            "ForkJoinPool.commonPool-worker", TimeLimitExtension.RUNNER_PREFIX, "surefire", "junit-",
            "logback", "Monitor Ctrl-Break");

    private LiveThreads() {
    }

    /** Every live platform thread. */
    public static Set<Thread> snapshot() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Live threads that are not in {@code before} and are not housekeeping. */
    public static List<Thread> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t))
                .filter(t -> !isHousekeeping(t))
                .filter(Thread::isAlive)
                .toList();
    }

    /**
     * Like {@link #startedSince}, but counting the threads that ran test methods too: a test
     * stuck past its time limit in code that ignores interrupts keeps its runner thread forever.
     */
    public static List<Thread> startedSinceIncludingTestRunners(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t))
                .filter(t -> t.getName().startsWith(TimeLimitExtension.RUNNER_PREFIX) || !isHousekeeping(t))
                .filter(Thread::isAlive)
                .toList();
    }

    /** Whether the JVM or a tool started this thread rather than the code under test. */
    public static boolean isHousekeeping(Thread t) {
        String name = t.getName();
        return HOUSEKEEPING.contains(name)
                || HOUSEKEEPING_PREFIXES.stream().anyMatch(name::startsWith)
                || t.getClass().getName().startsWith("jdk.internal.")
                // JDK 25: the virtual-thread scheduler's timer thread (timed parks, Thread.sleep and
                // timed selects on virtual threads); it lives as long as the scheduler, as the unparker did
                || name.startsWith("ForkJoinPool-") && name.endsWith("-delayScheduler");
    }

    /** Waits up to {@code grace} in total for the threads to end; the ones still alive. */
    public static List<Thread> awaitEnd(List<Thread> threads, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return threads.stream().filter(Thread::isAlive).toList();
    }
}
