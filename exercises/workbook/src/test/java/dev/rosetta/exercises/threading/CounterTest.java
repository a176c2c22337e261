package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.StartGate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code threading/racy-counter}. */
class CounterTest {
    private static final int THREADS = 4;
    /** Each round, the threads meet before every burst, so that their bursts overlap. */
    private static final int BURSTS = 100;
    private static final int BURST = 2_000;
    /** A lost update needs two threads inside increment() at once; give it many chances (it stops at the first). */
    private static final int ROUNDS = 20;

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
     * Four threads never lose an increment. The race is forced rather than hoped for: the
     * threads start at the same instant ({@link StartGate}) and meet before each of 100 bursts,
     * spinning rather than sleeping while they wait, so that when the last one arrives the others
     * are already running: even on a busy machine their bursts run side by side, again and again.
     */
    @Test
    @DisplayName("four threads racing lose no increment")
    void noIncrementIsLost() throws InterruptedException {
        int expected = THREADS * BURSTS * BURST;
        for (int round = 1; round <= ROUNDS; round++) {
            var counter = new Counter();
            var arrived = new AtomicInteger();
            StartGate.runTogether(THREADS, "incrementer", i -> {
                for (int burst = 0; burst < BURSTS; burst++) {
                    meet(arrived, (burst + 1) * THREADS);
                    for (int n = 0; n < BURST; n++) {
                        counter.increment();
                    }
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

    /**
     * A spinning barrier: arrive, then wait on the CPU until {@code everyone} have arrived,
     * yielding now and then so that a thread without a core of its own gets one.
     */
    private static void meet(AtomicInteger arrived, int everyone) {
        arrived.incrementAndGet();
        for (int spins = 1; arrived.get() < everyone; spins++) {
            if (spins % 256 == 0) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
