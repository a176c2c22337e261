package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code threading/mini-gil}. No test depends on how fast anything runs. */
@TimeLimit(seconds = 20)
class MiniGilTest {
    /** How long something that should happen within a few switch intervals may take before the test gives up. */
    private static final Duration PATIENCE = TimeLimits.scaled(Duration.ofSeconds(2));
    private static final int ROUNDS = 20;

    private final FailureCollector failures = new FailureCollector();

    /** A waiter does not ask for the GIL before its switch interval has run out (here 30 s, so: not during the test). */
    @Test
    @DisplayName("a waiter asks only after a switch interval")
    void aWaiterAsksOnlyAfterTheSwitchInterval() throws Exception {
        var gil = new MiniGil(Duration.ofSeconds(30));
        gil.take();
        Thread waiter = Thread.ofPlatform().name("waiter").start(failures.wrap(() -> {
            gil.take();
            gil.drop();
        }));
        while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        boolean askedAtOnce = gil.dropRequested();
        gil.drop();
        StartGate.joinAll(List.of(waiter), TimeLimits.LONG);
        failures.rethrow();
        assertFalse(askedAtOnce, "the waiter set dropRequest as soon as it found the GIL taken: it must first wait"
                + " one switch interval (dropped.awaitNanos(intervalNanos)) and ask only if that ran out while the"
                + " same holder kept the GIL. Asking at once makes threads switch at every check point.");
    }

    /** A holder that only runs check points lets a waiter in: the waiter asks, the holder drops at its next check point. */
    @Test
    @DisplayName("the holder lets a waiter in at a check point")
    void theHolderLetsAWaiterIn() throws Exception {
        var gil = new MiniGil(Duration.ofMillis(1));
        var waiterIn = new AtomicBoolean();
        var holding = new java.util.concurrent.CountDownLatch(1);
        Thread holder = Thread.ofPlatform().name("holder").start(failures.wrap(() -> {
            gil.take();
            holding.countDown();
            try {
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (!waiterIn.get()) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the holder ran check points for " + PATIENCE.toSeconds() + " s and the"
                                + " waiter never got the GIL: the waiter must set dropRequest when its wait of one switch"
                                + " interval runs out, and checkPoint() must then drop the GIL");
                    }
                    gil.checkPoint();
                }
            } finally {
                gil.drop();
            }
        }));
        holding.await();
        Thread waiter = Thread.ofPlatform().name("waiter").start(failures.wrap(() -> {
            gil.take();
            waiterIn.set(true);
            gil.drop();
        }));
        StartGate.joinAll(List.of(holder, waiter), TimeLimits.LONG);
        failures.rethrow();
    }

    /**
     * Each time the holder is asked and reaches a check point, the GIL really changes hands: when
     * checkPoint() returns, the waiter has had it. Twenty rounds. The holder keeps the GIL's mutex
     * (re-entrantly) across its check point: a check point that waits for the switch lets go of
     * the mutex while it waits (await releases it), and one that drops the GIL and takes it straight
     * back never does, so the waiter cannot slip in first even when the scheduler would let it.
     */
    @Test
    @DisplayName("a granted request hands the GIL over, every time")
    void aGrantedRequestHandsTheGilOver() throws Exception {
        var mutex = new ReentrantLock();
        var gil = new MiniGil(Duration.ofMillis(1), mutex);
        var turns = new AtomicInteger();
        var stop = new AtomicBoolean();
        var holding = new java.util.concurrent.CountDownLatch(1);
        Thread holder = Thread.ofPlatform().name("holder").start(failures.wrap(() -> {
            gil.take();
            holding.countDown();
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    long deadline = System.nanoTime() + PATIENCE.toNanos();
                    while (!gil.dropRequested()) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("round " + round + ": the waiter never asked for the GIL (no"
                                    + " dropRequest after " + PATIENCE.toSeconds() + " s): when its wait of one switch"
                                    + " interval runs out with the same holder, it must set dropRequest");
                        }
                        Thread.onSpinWait();
                    }
                    int before = turns.get();
                    mutex.lock();
                    try {
                        gil.checkPoint();
                    } finally {
                        mutex.unlock();
                    }
                    if (turns.get() == before) {
                        throw new AssertionError("round " + round + ": checkPoint() was asked to let go and returned"
                                + " without the waiter ever having had the GIL: the holder dropped it and took it straight"
                                + " back. After dropping, wait (on 'taken') until switchNumber has changed, then take().");
                    }
                }
            } finally {
                stop.set(true);
                gil.drop();
            }
        }));
        holding.await();
        Thread waiter = Thread.ofPlatform().name("waiter").start(failures.wrap(() -> {
            while (true) {
                gil.take();
                boolean last = stop.get();
                if (!last) {
                    turns.incrementAndGet();
                }
                gil.drop();
                if (last) {
                    return;
                }
            }
        }));
        StartGate.joinAll(List.of(holder, waiter), TimeLimits.LONG);
        failures.rethrow();
    }
}
