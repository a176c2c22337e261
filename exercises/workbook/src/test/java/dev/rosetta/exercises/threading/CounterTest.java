package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.StartGate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code threading/racy-counter}. The contract, one test each:
 * <ul>
 *   <li>one thread alone counts every increment;</li>
 *   <li>each counter counts its own increments: a new counter starts at zero;</li>
 *   <li>four threads racing lose no increment (the read-add-write is one step, under one shared lock);</li>
 *   <li>get() may be called while others increment: it reads the count under that lock (or the
 *       count is volatile), so it sees every increment that has finished.</li>
 * </ul>
 */
class CounterTest {
    private static final int THREADS = 4;
    /** Side-by-side rounds: the threads meet before each of many short bursts. */
    private static final int BURSTS = 100;
    private static final int BURST = 2_000;
    /**
     * Long rounds: each thread increments without pause for this long, longer than the
     * scheduler's time slice, so that even on one core a thread switch lands mid-increment.
     */
    private static final long STRETCH_NANOS = 50_000_000;
    /**
     * Rounds repeat until an increment is lost or this many seconds of chances have passed (a
     * budget of chances, not a speed limit). A correct counter uses the whole budget.
     */
    private static final double CHANCES_SECONDS = 2.0;

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

    /** Two counters count apart: a new counter starts at zero, and one counter's increments are its own. */
    @Test
    @DisplayName("each counter counts its own increments")
    void eachCounterCountsItsOwn() {
        var first = new Counter();
        for (int i = 0; i < 3; i++) {
            first.increment();
        }
        var second = new Counter();
        second.increment();
        if (first.get() != 3 || second.get() != 1) {
            fail("a counter incremented 3 times reads " + first.get() + ", and a second counter, made afterwards and"
                    + " incremented once, reads " + second.get() + ": every Counter shares one count. The count"
                    + " belongs to each counter (an instance field), not to the class (static): the threads share it"
                    + " because they share the counter.");
        }
    }

    /** get() reads the count under the lock that increment() takes, or the count is volatile. */
    @Test
    @DisplayName("get() sees every finished increment: it reads under the lock")
    void getReadsUnderTheLock() throws Exception {
        List<String> unsafe = Bytecode.unsafeReadsBeforeALock(Counter.class, "get");
        if (!unsafe.isEmpty()) {
            fail("get() reads " + unsafe + " without taking a lock, and the field is not volatile. get() may be called"
                    + " while other threads increment, and a read outside the lock need not see the writes made"
                    + " under it (the JIT may even keep the value in a register, and a loop waiting for the count"
                    + " to reach a total would then never end). Take the same lock in get() as in increment()."
                    + " No test run can show this on x86, so this test reads your compiled code.");
        }
    }

    /**
     * Four threads never lose an increment. The race is forced rather than hoped for, two ways,
     * in turn, round after round until one loses an update or the budget is spent:
     * <ul>
     *   <li>side by side: the threads start at the same instant ({@link StartGate}) and meet
     *       before each of 100 bursts, spinning rather than sleeping, so that on two or more
     *       cores their bursts really run at the same time, even on a busy machine;</li>
     *   <li>long stretches: each thread increments without pausing for 50 ms, longer than a
     *       time slice, so that even on one core the scheduler switches threads in the middle
     *       of an increment.</li>
     * </ul>
     */
    @Test
    @DisplayName("four threads racing lose no increment")
    void noIncrementIsLost() throws InterruptedException {
        long deadline = System.nanoTime() + (long) (CHANCES_SECONDS * 1e9);
        for (int round = 1; round <= 2 || System.nanoTime() < deadline; round++) {
            boolean sideBySide = round % 2 == 1;
            var counter = new Counter();
            var arrived = new AtomicInteger();
            var calls = new AtomicLong();
            long stretchEnds = System.nanoTime() + STRETCH_NANOS;
            StartGate.runTogether(THREADS, "incrementer", i -> {
                var pace = new Pace();
                if (sideBySide) {
                    for (int burst = 0; burst < BURSTS; burst++) {
                        meet(arrived, (burst + 1) * THREADS);
                        incrementTimes(counter, BURST, pace);
                    }
                    calls.addAndGet(BURSTS * BURST);
                } else {
                    long mine = 0;
                    while (System.nanoTime() < stretchEnds) {
                        incrementTimes(counter, 1_024, pace);
                        mine += 1_024;
                    }
                    calls.addAndGet(mine);
                }
            });
            long expected = calls.get();
            long lost = expected - counter.get();
            if (lost < 0) {
                fail(String.format("a new counter counted %,d more increments than the %,d made on it in round %d:"
                        + " it did not start at zero, or it counts other counters' increments too. Is the count"
                        + " static? It belongs to each counter.", -lost, expected, round));
            }
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
     * Calls increment() {@code times} times, one call at a time. The volatile write and read of
     * a per-thread {@link Pace} between calls stop the JIT from merging a run of plain
     * {@code count++} into one {@code count += times}, which would hide the race in a window a
     * few instructions wide: each call stays a real read, add and write, as in Python.
     */
    private static void incrementTimes(Counter counter, int times, Pace pace) {
        for (int n = 0; n < times; n++) {
            counter.increment();
            pace.tick = n;
            pace.seen += pace.tick;
        }
    }

    /** One per thread, so that pacing costs no contention. */
    private static final class Pace {
        volatile int tick;
        long seen;
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
