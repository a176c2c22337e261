package dev.rosetta.threading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.TimeLimits;
import dev.rosetta.testkit.Waits;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EventTest {
    private final Event event = new Event();

    /** set() wakes every waiter. */
    @Test
    void setWakesEveryWaiter() throws Exception {
        var waiting = new CountDownLatch(3);
        Thread setter = Thread.ofPlatform().name("setter").start(() -> {
            try {
                waiting.await();
                event.set();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        StartGate.runTogether(3, "waiter", i -> {
            waiting.countDown();
            assertTrue(event.await(TimeLimits.LONG), "waiter " + i + " was not woken by set()");
        });
        setter.join();
        assertTrue(event.isSet());
    }

    /** An event that is not set lets wait(timeout) run out and return false; clear() un-sets it. */
    @Test
    void waitTimesOutUntilSetAndAgainAfterClear() throws Exception {
        assertFalse(event.await(TimeLimits.SHORT));
        event.set();
        assertTrue(event.await(TimeLimits.SHORT));
        event.await();
        event.clear();
        assertFalse(event.isSet());
        assertFalse(event.await(TimeLimits.SHORT));
    }

    /** As in Python, a set() releases the threads waiting at that moment even if clear() follows at once. */
    @Test
    void setThenClearStillReleasesTheWaiters() throws Exception {
        var released = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().name("waiter").start(() -> {
            try {
                event.await();
                released.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(Waits.untilParked(waiter, TimeLimits.LONG), "the waiter never parked in wait(): " + waiter.getState());
        event.set();
        event.clear();
        assertTrue(released.await(TimeLimits.LONG.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS),
                "the waiter was not released by set() followed by clear()");
        waiter.join();
        assertFalse(event.isSet());
    }
}
