package dev.rosetta.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Which processes this JVM started (children and their children), and which of them a test
 * started. Used by the leak check: a worker JVM must not outlive its test.
 *
 * <p>Thread-safety: stateless.
 */
final class ChildProcesses {
    private ChildProcesses() {
    }

    static Set<ProcessHandle> snapshot() {
        return ProcessHandle.current().descendants().collect(Collectors.toUnmodifiableSet());
    }

    static List<ProcessHandle> startedSince(Set<ProcessHandle> before) {
        return ProcessHandle.current().descendants()
                .filter(p -> !before.contains(p))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    /** Waits up to {@code grace} in total for the processes to exit; the ones still alive. */
    static List<ProcessHandle> awaitEnd(List<ProcessHandle> processes, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : processes) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception stillRunning) {
                break;
            }
        }
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }
}
