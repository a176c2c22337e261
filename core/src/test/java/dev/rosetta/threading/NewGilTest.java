package dev.rosetta.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class NewGilTest {
    private final NewGil gil = new NewGil(Duration.ofMillis(1));
    private final FailureCollector failures = new FailureCollector();

    /** The holder keeps the GIL while it runs no check point, even after a waiter asked for it; at its next check point it hands it over. */
    @Test
    void theHolderLetsGoOnlyAtACheckPointAndOnlyWhenAsked() throws Exception {
        var holding = new CountDownLatch(1);
        var otherRan = new AtomicBoolean();
        Thread holder = Thread.ofPlatform().name("holder").start(failures.wrap(() -> {
            gil.take();
            holding.countDown();
            while (!gil.dropRequested()) {
                Thread.onSpinWait();        // C code that never reaches a check point
            }
            assertFalse(otherRan.get(), "the waiter ran while the holder held the GIL");
            gil.checkPoint();
            assertTrue(otherRan.get(), "after the check point the waiter should have had the GIL"
                    + " (forced switching: the holder waits until the requester got in)");
            gil.drop();
        }));
        holding.await();
        Thread waiter = Thread.ofPlatform().name("waiter").start(failures.wrap(() -> {
            gil.take();
            otherRan.set(true);
            gil.drop();
        }));
        StartGate.joinAll(List.of(holder, waiter), TimeLimits.LONG);
        failures.rethrow();
        assertTrue(gil.dropRequests() >= 1, "the waiter should have asked for the GIL after its switch interval");
        assertEquals(2, gil.switches(), "holder -> waiter -> holder");
    }

    /** A CPU-bound holder that reaches check points is made to share: two spinning threads both make progress. */
    @Test
    void twoCpuBoundThreadsTakeTurns() throws Exception {
        var seen = new boolean[2];
        StartGate.runTogether(2, "spinner", i -> {
            gil.take();
            try {
                // each spins until it has seen the other one hold the GIL at least once
                int other = 1 - i;
                synchronized (seen) {
                    seen[i] = true;
                }
                while (!seenBy(seen, other)) {
                    gil.checkPoint();
                }
            } finally {
                gil.drop();
            }
        });
        assertTrue(gil.switches() >= 1, "the GIL never changed hands");
    }

    private static boolean seenBy(boolean[] seen, int index) {
        synchronized (seen) {
            return seen[index];
        }
    }

    /** A blocking call runs without the GIL: two threads inside blocking calls overlap. */
    @Test
    void blockingCallsRunWithoutTheGil() throws Exception {
        var probe = new dev.rosetta.testkit.OverlapProbe(2);
        StartGate.runTogether(2, "blocker", i -> {
            gil.take();
            gil.blocking(probe::arriveAndAwait);
            assertTrue(gil.isHeldByCurrentThread(), "a blocking call must give the GIL back to its caller");
            gil.drop();
        });
        probe.assertOverlapped();
    }

    /** A waiter that is interrupted gives up without the GIL, and the holder is not left waiting for it. */
    @Test
    void anInterruptedWaiterGivesUp() throws Exception {
        gil.take();
        var outcome = new CountDownLatch(1);
        var interrupted = new AtomicBoolean();
        Thread waiter = Thread.ofPlatform().name("waiter").start(() -> {
            try {
                gil.take();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            outcome.countDown();
        });
        while (gil.waiting() == 0) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        outcome.await();
        waiter.join();
        assertTrue(interrupted.get(), "take() should end with InterruptedException");
        assertEquals(0, gil.waiting());
        gil.checkPoint();       // whatever it requested, nobody waits now: returns at once
        assertTrue(gil.isHeldByCurrentThread());
        gil.drop();
    }

    /** Dropping a GIL one does not hold is refused, naming the thread. */
    @Test
    void droppingWithoutHoldingIsRefused() {
        var e = assertThrows(IllegalStateException.class, gil::drop);
        assertTrue(e.getMessage().contains(Thread.currentThread().getName() + " dropped the GIL without holding it"),
                e.getMessage());
    }

    /** A switch interval must be positive, as sys.setswitchinterval insists. */
    @Test
    void theSwitchIntervalMustBePositive() {
        var zero = assertThrows(IllegalArgumentException.class, () -> new NewGil(Duration.ZERO));
        assertEquals("switch interval must be > 0, was PT0S (CPython: sys.setswitchinterval() refuses it too)",
                zero.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> gil.setSwitchInterval(Duration.ofMillis(-1)));
        assertTrue(negative.getMessage().contains("was PT-0.001S"), negative.getMessage());
        gil.setSwitchInterval(Duration.ofMillis(2));
        assertEquals(Duration.ofMillis(2), gil.switchInterval());
        assertEquals(NewGil.DEFAULT_SWITCH_INTERVAL,
                ((NewGil) GlobalInterpreterLock.of(GilMode.GIL)).switchInterval());
    }
}
