package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.StartGate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code threading/racy-counter}. */
class CounterTest {
    private static final int THREADS = 4;
    private static final int INCREMENTS_PER_THREAD = 100_000;
    /** A lost update needs two threads inside increment() at once; give it many chances. */
    private static final int ROUNDS = 10;

    /** One thread alone counts exactly: the counter works when nobody races it. */
    @Test
    @DisplayName("one thread counts every increment")
    void countsOnOneThread() {
        var counter = new Counter();
        for (int i = 0; i < 1_000; i++) {
            counter.increment();
        }
        assertEquals(1_000, counter.get(), "one thread called increment() 1,000 times");
    }

    /**
     * Four threads released together never lose an increment. The race is made near-certain:
     * the threads start at the same instant ({@link StartGate}) and the round repeats.
     */
    @Test
    @DisplayName("four threads racing lose no increment")
    void noIncrementIsLost() throws InterruptedException {
        int expected = THREADS * INCREMENTS_PER_THREAD;
        for (int round = 1; round <= ROUNDS; round++) {
            var counter = new Counter();
            StartGate.runTogether(THREADS, "incrementer", i -> {
                for (int n = 0; n < INCREMENTS_PER_THREAD; n++) {
                    counter.increment();
                }
            });
            int lost = expected - counter.get();
            if (lost != 0) {
                fail(String.format(
                        "lost %,d of %,d increments in round %d: two threads read the same value before either"
                                + " wrote it back. count++ is three steps (read, add one, write) and another thread"
                                + " can run between them. Make the whole read-add-write happen under one lock"
                                + " that every thread shares.",
                        lost, expected, round));
            }
        }
    }
}
