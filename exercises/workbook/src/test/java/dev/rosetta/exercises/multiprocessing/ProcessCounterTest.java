package dev.rosetta.exercises.multiprocessing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.testkit.TimeLimit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code multiprocessing/shared-counter}. */
@TimeLimit(seconds = 60)
class ProcessCounterTest {
    /** Each worker increments for this long, so that the two processes surely run side by side. */
    private static final long STRETCH_NANOS = 300_000_000;
    private static final int ROUNDS = 3;

    /**
     * Two worker processes increment the same counter for 300 ms each, at the same time; the
     * total equals the sum of the calls they made. Repeated a few times; it stops at the first loss.
     */
    @Test
    @DisplayName("two processes incrementing at once lose no update")
    void noUpdateIsLostBetweenProcesses() {
        for (int round = 1; round <= ROUNDS; round++) {
            String name = "exercise-counter-" + ProcessHandle.current().pid() + "-" + round;
            try (var pool = new Pool(2); var counter = ProcessCounter.create(name)) {
                List<Long> calls = pool.map(task -> {
                    long made = 0;
                    try (var mine = ProcessCounter.attach(name)) {
                        long end = System.nanoTime() + STRETCH_NANOS;
                        while (System.nanoTime() < end) {
                            for (int i = 0; i < 1_000; i++) {
                                mine.increment();
                            }
                            made += 1_000;
                        }
                    }
                    return made;
                }, List.of(1, 2), 1);
                long expected = calls.stream().mapToLong(Long::longValue).sum();
                long lost = expected - counter.get();
                counter.unlink();
                if (lost != 0) {
                    fail(String.format("lost %,d of %,d increments in round %d: two worker processes read the same"
                            + " value before either wrote it back. The memory is shared, so processes race like"
                            + " threads; and a Java lock (synchronized) only excludes threads of one process."
                            + " Make the read-add-write one indivisible step in the shared memory itself.",
                            lost, expected, round));
                }
            }
        }
    }
}
