package dev.rosetta.ray;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A gate between the test and a worker process: a task calls {@link #await} and blocks until the
 * test {@link #open}s it (creates the file), or a generous limit passes. Processes share no
 * memory, so a file is the simplest synchroniser both can see.
 */
final class Gate {
    private Gate() {
    }

    /** Blocks (in the worker) until {@code file} exists; false if the limit passed first. */
    static boolean await(String file) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(Path.of(file))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    /** Lets every task waiting at {@code file} go on. */
    static void open(Path file) throws java.io.IOException {
        Files.createFile(file);
    }

    /** Kills the worker process running this, the first time only (a marker file remembers). */
    static void dieOnFirstTry(String marker) throws java.io.IOException {
        if (!Files.exists(Path.of(marker))) {
            Files.createFile(Path.of(marker));
            Runtime.getRuntime().halt(137);
        }
    }
}
