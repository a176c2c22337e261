package dev.rosetta.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitsTest {

    /** A condition that comes to hold ends the wait with true; the work in it runs on the calling thread. */
    @Test
    void untilReturnsOnceTheConditionHolds() {
        var looks = new AtomicInteger();
        assertTrue(Waits.until(TimeLimits.LONG, () -> looks.incrementAndGet() == 3));
        assertTrue(looks.get() == 3, "looked " + looks.get() + " times");
    }

    /** A condition that never holds ends the wait with false once the limit has passed. */
    @Test
    void untilGivesUpAfterTheLimit() {
        assertFalse(Waits.until(Duration.ofMillis(20), () -> false));
    }

    /** What the condition throws ends the wait. */
    @Test
    void whatTheConditionThrowsEndsTheWait() {
        assertThrows(InterruptedException.class, () -> Waits.until(TimeLimits.LONG, () -> {
            throw new InterruptedException("stop");
        }));
    }

    /** A thread blocked on a latch is parked; one that has ended is not. */
    @Test
    void untilParkedSeesAThreadWaitOnALatch() throws Exception {
        var release = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().name("waiter").start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(Waits.untilParked(waiter, TimeLimits.LONG), "waiter is " + waiter.getState());
        } finally {
            release.countDown();
            waiter.join();
        }
        assertFalse(Waits.untilParked(waiter, TimeLimits.SHORT), "an ended thread is not parked");
    }
}
