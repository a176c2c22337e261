package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code threading/lazy-init}. */
@TimeLimit(seconds = 20)
class LazyTest {

    /** On one thread the supplier runs once and every call returns its value. */
    @Test
    @DisplayName("one thread: the supplier runs once")
    void computesOnceOnOneThread() {
        var calls = new AtomicInteger();
        var lazy = new Lazy<>(() -> "config #" + calls.incrementAndGet());
        assertEquals("config #1", lazy.get());
        assertEquals("config #1", lazy.get());
        assertEquals(1, calls.get(), "the supplier ran more than once on one thread");
    }

    /**
     * Two threads call get() while the first is still inside the supplier: the supplier runs once
     * and both get the same object. The interleaving is forced: the supplier does not return until
     * the second thread has called get() and is either blocked (waiting for a lock) or has called
     * the supplier too.
     */
    @Test
    @DisplayName("two threads at once: the supplier runs once, both get the same value")
    void twoThreadsAtOnceComputeOnce() throws InterruptedException {
        var calls = new AtomicInteger();
        var secondCalling = new AtomicBoolean();
        var firstInside = new CountDownLatch(1);
        var second = new AtomicReference<Thread>();
        var lazy = new Lazy<>(() -> {
            if (calls.incrementAndGet() == 1) {
                firstInside.countDown();
                awaitBlockedOrCalling(second, secondCalling, calls);
            }
            return new Object();
        });
        var failures = new FailureCollector();
        var results = new Object[2];
        Thread first = Thread.ofPlatform().name("first").start(failures.wrap(() -> results[0] = lazy.get()));
        firstInside.await();
        Thread late = Thread.ofPlatform().name("second").unstarted(failures.wrap(() -> {
            secondCalling.set(true);
            results[1] = lazy.get();
        }));
        second.set(late);
        late.start();
        StartGate.joinAll(List.of(first, late), TimeLimits.LONG);
        failures.rethrow();
        if (calls.get() != 1) {
            fail("the supplier ran " + calls.get() + " times: a second thread called get() while the first was"
                    + " still computing the value, saw no value yet, and computed it again. Checking and computing"
                    + " must be one step: do them under one lock, and check again once you hold it.");
        }
        assertSame(results[0], results[1], "the two threads got different objects from get()");
    }

    /** Eight threads released together all get the one value, every round. */
    @Test
    @DisplayName("eight threads racing: one value for all")
    void manyThreadsGetOneValue() throws InterruptedException {
        for (int round = 1; round <= 20; round++) {
            var calls = new AtomicInteger();
            var lazy = new Lazy<>(() -> {
                calls.incrementAndGet();
                return new Object();
            });
            var seen = new Object[8];
            StartGate.runTogether(8, "caller", i -> seen[i] = lazy.get());
            assertEquals(1, calls.get(), "round " + round + ": the supplier ran " + calls.get() + " times for 8 threads");
            for (Object o : seen) {
                assertSame(seen[0], o, "round " + round + ": two threads got different values");
            }
        }
    }

    /** Spins until the second thread has called get() and then either blocks or calls the supplier. */
    private static void awaitBlockedOrCalling(AtomicReference<Thread> second, AtomicBoolean secondCalling,
                                              AtomicInteger calls) {
        while (true) {
            Thread t = second.get();
            if (t != null && secondCalling.get()) {
                Thread.State state = t.getState();
                if (calls.get() > 1 || state == Thread.State.BLOCKED || state == Thread.State.WAITING
                        || state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }
}
