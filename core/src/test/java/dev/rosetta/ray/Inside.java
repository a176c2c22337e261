package dev.rosetta.ray;

import dev.rosetta.testkit.TimeLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * An overlap probe across processes: each task marks itself inside a directory with its weight
 * (the CPUs or units it asked for), and watches the total weight inside while it stays. It stays
 * until the total reaches {@code expected} (so that the overlap the scheduler allows does happen,
 * within a generous limit), then a short while more, so that one more task than allowed would be
 * seen. It returns the largest total it saw.
 */
final class Inside {
    private Inside() {
    }

    static double enterAndWatch(String dir, double weight, double expected) throws IOException {
        Path me = Path.of(dir, "in-" + UUID.randomUUID() + "-" + weight);
        Files.createFile(me);
        try {
            double most = 0;
            long reached = 0;
            long limit = System.nanoTime() + TimeLimits.MEDIUM.toNanos();
            while (true) {
                double now = total(dir);
                most = Math.max(most, now);
                long t = System.nanoTime();
                if (reached == 0 && (now >= expected || t > limit)) {
                    reached = t;
                }
                if (reached != 0 && t - reached > TimeLimits.SHORT.toNanos()) {
                    return most;
                }
                LockSupport.parkNanos(1_000_000);
            }
        } finally {
            Files.delete(me);
        }
    }

    private static double total(String dir) throws IOException {
        try (Stream<Path> inside = Files.list(Path.of(dir))) {
            return inside.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("in-"))
                    .mapToDouble(n -> Double.parseDouble(n.substring(n.lastIndexOf('-') + 1))).sum();
        } catch (java.nio.file.NoSuchFileException | NumberFormatException raced) {
            return 0; // a file left between listing and reading its name
        }
    }
}
