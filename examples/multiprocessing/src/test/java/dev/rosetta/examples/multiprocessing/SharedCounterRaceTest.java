package dev.rosetta.examples.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosetta.multiprocessing.Process;
import dev.rosetta.multiprocessing.SharedMemory;
import dev.rosetta.testkit.TimeLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lesson of {@link SharedCounter}, with the race forced instead of hoped for: two processes
 * that read, add and write one number in shared memory lose updates exactly as two threads do.
 */
class SharedCounterRaceTest {
    private static final long COUNTER = 0;
    private static final long FIRST_HAS_READ = 8;
    private static final long SECOND_IS_DONE = 16;
    private static final int SECONDS_ADDS = 1_000;

    /**
     * The first process reads the counter (0) and waits; the second adds one 1,000 times; the
     * first then writes back its 0 + 1, and the second's 1,000 updates are gone.
     */
    @Test
    void aReadAddWriteBetweenTwoProcessesLosesTheOthersUpdates() throws Exception {
        String name = "race-counter-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (var shm = SharedMemory.create(name, 24)) {
            var first = new Process(() -> {
                try (var mine = SharedMemory.attach(name)) {
                    long v = mine.getLong(COUNTER);             // read
                    mine.getAndAddLong(FIRST_HAS_READ, 1);
                    awaitFlag(mine, SECOND_IS_DONE);           // the other process runs here
                    mine.setLong(COUNTER, v + 1);               // write: stale
                }
            }).name("first");
            var second = new Process(() -> {
                try (var mine = SharedMemory.attach(name)) {
                    awaitFlag(mine, FIRST_HAS_READ);
                    for (int i = 0; i < SECONDS_ADDS; i++) {
                        mine.setLong(COUNTER, mine.getLong(COUNTER) + 1);
                    }
                    mine.getAndAddLong(SECOND_IS_DONE, 1);
                }
            }).name("second");
            try {
                first.start();
                second.start();
                for (Process p : List.of(first, second)) {
                    p.join(TimeLimits.LONG);
                    assertEquals(0, p.exitcode(), p.name() + " did not end well within " + TimeLimits.LONG.toSeconds()
                            + " s (exit code " + p.exitcode() + "; null: still waiting for the other process)");
                }
                assertEquals(1, shm.getLong(COUNTER), "the first process's write of 0 + 1 should have overwritten all "
                        + SECONDS_ADDS + " additions of the second: read-add-write on shared memory is not one step,"
                        + " between processes as between threads");
            } finally {
                for (Process p : List.of(first, second)) {
                    if (p.isAlive()) {
                        p.kill();
                    }
                }
                shm.unlink();
            }
        }
    }

    /**
     * Spins until the flag at {@code offset} is set (read with an atomic add of 0, so never
     * cached); the test's bounded join ends a process that waits in vain.
     */
    private static void awaitFlag(SharedMemory memory, long offset) {
        while (memory.getAndAddLong(offset, 0) == 0) {
            Thread.onSpinWait();
        }
    }
}
