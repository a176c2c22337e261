package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code threading/event}. The contract, one test each:
 * <ul>
 *   <li>on one thread: a new event is clear; set() sets it; a wait on a set event returns at once
 *       (await(timeout) with true); clear() clears it; await(timeout) on a clear event runs out and returns false;</li>
 *   <li>await(0) answers at once: true if set, false if clear;</li>
 *   <li>set() releases every waiting thread, not just one (signalAll), and each then sees is_set() true;</li>
 *   <li>a set() that comes while a waiter is on its way to waiting is not missed (check under the lock);</li>
 *   <li>set() then clear() at once still releases the threads that were waiting, as in Python;</li>
 *   <li>await(timeout) returns true when set() comes in time, also when clear() follows at once;</li>
 *   <li>a timeout as long as {@code Long.MAX_VALUE} nanoseconds waits (no overflow in a deadline);</li>
 *   <li>a wake-up for no reason (a spurious wake-up) does not end a wait on a clear event (while, not if);</li>
 *   <li>a wait interrupted while it waits ends with InterruptedException (never as if set() had come)
 *       and leaves the lock free.</li>
 * </ul>
 * The interleavings are forced through the lock the test hands to the event: a thread counts as
 * waiting once it is parked on the condition, and the test holds the lock where a wake-up could
 * slip through.
 */
@TimeLimit(seconds = 20)
class EventTest {
    private final WatchedLock lock = new WatchedLock();
    private final Event event = new Event(lock);
    private final TestThreads threads = new TestThreads();

    @AfterEach
    void stopEveryThread() throws InterruptedException {
        threads.stopAll();
    }

    /** On one thread: set, is_set, wait returns at once, clear, and a wait that times out. */
    @Test
    @DisplayName("one thread: set, wait, clear, time out")
    void oneThread() throws Exception {
        assertFalse(event.isSet(), "a new event is not set");
        event.set();
        assertTrue(event.isSet(), "after set()");
        event.await();
        assertTrue(event.await(TimeLimits.SHORT), "await(timeout) on a set event must return true at once");
        event.clear();
        assertFalse(event.isSet(), "after clear()");
        assertFalse(event.await(TimeLimits.SHORT), "await(timeout) on a clear event must run out and return false");
    }

    /** A zero timeout answers at once: true on a set event, false on a clear one. */
    @Test
    @DisplayName("await(0) answers at once")
    void aZeroTimeoutAnswersAtOnce() throws Exception {
        assertFalse(event.await(Duration.ZERO), "await(0) on a clear event: there is no time to wait, so false");
        event.set();
        assertTrue(event.await(Duration.ZERO), "await(0) on a set event: the flag is set, so true, without waiting");
    }

    /** set() releases every waiting thread, not just one. */
    @Test
    @DisplayName("set() releases every waiter")
    void setReleasesEveryWaiter() throws Exception {
        List<Thread> waiters = new ArrayList<>();
        var sawSet = new boolean[3];
        for (int i = 0; i < 3; i++) {
            int index = i;
            Thread t = threads.start("waiter-" + i, () -> {
                event.await();
                sawSet[index] = event.isSet();
            });
            threads.awaitWaiting(t, lock, "await() on a clear event");
            waiters.add(t);
        }
        event.set();
        for (Thread t : waiters) {
            threads.finish(t, "await()", "set() was called while 3 threads waited: it must wake every one of them"
                    + " (an event is a broadcast: signalAll, not signal)");
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(sawSet[i], "waiter-" + i + " was released by set() and then found is_set() false");
        }
    }

    /**
     * A waiter cannot miss a set() that comes while it is on its way to waiting. Forced: the test
     * holds the lock while the waiter starts, calls set() while the waiter waits for the lock, and
     * only then lets go.
     */
    @Test
    @DisplayName("a set() just before the wait is not missed")
    void aSetJustBeforeTheWaitIsNotMissed() throws Exception {
        Thread waiter;
        lock.lock();
        try {
            waiter = threads.start("waiter", event::await);
            threads.awaitUntil(() -> lock.hasQueuedThread(waiter), waiter,
                    () -> "await() should take the event's lock, but " + waiter.getName() + " is " + waiter.getState(),
                    "await() returned on a clear event");
            event.set();
        } finally {
            lock.unlock();
        }
        threads.finish(waiter, "await()", "lost wake-up: the waiter looked at the flag (not set yet) before it took the"
                + " lock; set() came in between, found nobody waiting, and the waiter then waited for a signal that had"
                + " already gone. Check the flag only while holding the lock.");
    }

    /**
     * As in Python, set() releases the threads waiting at that moment even if clear() follows at
     * once. Forced: the test holds the lock across set() and clear(), so the waiter wakes to a
     * clear flag.
     */
    @Test
    @DisplayName("set() then clear() still releases the waiters")
    void setThenClearStillReleasesTheWaiters() throws Exception {
        Thread waiter = threads.start("waiter", event::await);
        threads.awaitWaiting(waiter, lock, "await() on a clear event");
        setThenClear();
        threads.finish(waiter, "await()", "set() then clear() at once: the thread that was waiting when set() was"
                + " called must be released, as in Python, although the flag is false again by the time it runs."
                + " Waiting while the flag is false is not enough: also leave when a set() has happened since you"
                + " started waiting (count them).");
    }

    /** A timed wait returns true when set() comes during it. */
    @Test
    @DisplayName("await(timeout) returns true when set() comes in time")
    void aTimedWaitSeesTheSet() throws Exception {
        var result = new AtomicReference<Boolean>();
        Thread waiter = threads.start("waiter", () -> result.set(event.await(TimeLimits.LONG)));
        threads.awaitWaiting(waiter, lock, "await(timeout) on a clear event");
        event.set();
        threads.finish(waiter, "await(timeout)", "set() came while it waited, and did not release it");
        assertEquals(true, result.get(), "await(timeout) returned false although set() came before the time ran out");
    }

    /** A timed wait released by set() returns true, even when clear() follows at once. */
    @Test
    @DisplayName("await(timeout) returns true after set() then clear()")
    void aTimedWaitSeesASetThenClear() throws Exception {
        var result = new AtomicReference<Boolean>();
        Thread waiter = threads.start("waiter", () -> result.set(event.await(TimeLimits.LONG)));
        threads.awaitWaiting(waiter, lock, "await(timeout) on a clear event");
        setThenClear();
        threads.finish(waiter, "await(timeout)", "set() then clear() came while it waited: like await(), it must"
                + " leave when a set() has happened since it started waiting, not only while the flag is set");
        if (!Boolean.TRUE.equals(result.get())) {
            fail("await(timeout) returned " + result.get() + " after set() then clear() released it: it returns false"
                    + " only when the time ran out. Returning the flag as it is now tells the caller it timed out;"
                    + " return whether a set() came (the flag, or the count of set() calls moved).");
        }
    }

    /** A timeout of Long.MAX_VALUE nanoseconds (292 years) waits; no deadline overflows. */
    @Test
    @DisplayName("a timeout of 292 years waits")
    void aHugeTimeoutWaits() throws Exception {
        var result = new AtomicReference<Boolean>();
        Thread waiter = threads.start("waiter", () -> result.set(event.await(Duration.ofNanos(Long.MAX_VALUE))));
        threads.awaitUntil(() -> lock.waitsOnACondition(waiter), waiter,
                () -> "await(timeout) with a timeout of Long.MAX_VALUE ns should wait on the condition, but "
                        + waiter.getName() + " is " + waiter.getState(),
                "await(timeout of Long.MAX_VALUE ns, 292 years) on a clear event returned (false) at once:"
                        + " System.nanoTime() + timeout overflowed to a deadline in the past. Count the time left"
                        + " down (awaitNanos returns it), or compare (deadline - System.nanoTime()) > 0, never"
                        + " System.nanoTime() < deadline.");
        event.set();
        threads.finish(waiter, "await(Long.MAX_VALUE ns)", "set() came while it waited");
        assertEquals(true, result.get(), "await(timeout) returned false although set() came in time");
    }

    /** Waiters woken for no reason (the JDK allows it) check again and wait on. */
    @Test
    @DisplayName("a spurious wake-up does not end a wait")
    void aSpuriousWakeUpDoesNotEndAWait() throws Exception {
        var timedResult = new AtomicReference<Boolean>();
        Thread waiter = threads.start("waiter", event::await);
        threads.awaitWaiting(waiter, lock, "await() on a clear event");
        Thread timed = threads.start("timed-waiter", () -> timedResult.set(event.await(TimeLimits.LONG)));
        threads.awaitWaiting(timed, lock, "await(timeout) on a clear event");
        lock.wakeForNoReason();
        threads.awaitUntil(() -> (lock.waitsOnACondition(waiter) || !waiter.isAlive())
                        && (lock.waitsOnACondition(timed) || !timed.isAlive()), null,
                () -> "after a spurious wake-up, a waiter neither waits again nor returns", "");
        if (!waiter.isAlive() || !timed.isAlive()) {
            fail("a spurious wake-up (a waiter woken with nothing changed, which await() is allowed to do) ended "
                    + (waiter.isAlive() ? "" : "await() ") + (timed.isAlive() ? "" : "await(timeout) (with "
                    + timedResult.get() + ") ") + "on a clear event: wait in a loop, while no set() has come (not if).");
        }
        event.set();
        threads.finish(waiter, "await()", "set() came while it waited");
        threads.finish(timed, "await(timeout)", "set() came while it waited");
    }

    /** await() interrupted while it waits throws InterruptedException and leaves the lock free. */
    @Test
    @DisplayName("an interrupted await() throws InterruptedException")
    void anInterruptedWaitThrows() throws Throwable {
        var outcome = new AtomicReference<Object>("nothing yet");
        Thread waiter = threads.start("waiter", () -> outcome.set(TestThreads.outcomeOf(() -> {
            event.await();
            return "returned normally, as if set() had come";
        })));
        threads.awaitWaiting(waiter, lock, "await() on a clear event");
        waiter.interrupt();
        threads.finish(waiter, "await()", "it was interrupted while it waited and went on waiting", event::set);
        TestThreads.assertInterrupted(outcome.get(), "await()", "let changed.await()'s InterruptedException through");
        TestThreads.assertFree(lock, "await()");
    }

    /** await(timeout) interrupted while it waits throws InterruptedException, rather than returning false. */
    @Test
    @DisplayName("an interrupted await(timeout) throws InterruptedException")
    void anInterruptedTimedWaitThrows() throws Throwable {
        var outcome = new AtomicReference<Object>("nothing yet");
        Thread waiter = threads.start("waiter", () -> outcome.set(TestThreads.outcomeOf(() -> event.await(TimeLimits.LONG))));
        threads.awaitWaiting(waiter, lock, "await(timeout) on a clear event");
        waiter.interrupt();
        threads.finish(waiter, "await(timeout)", "it was interrupted while it waited and went on waiting", event::set);
        TestThreads.assertInterrupted(outcome.get(), "await(timeout)", "let changed.awaitNanos()'s InterruptedException"
                + " through (false means the time ran out, which it did not)");
        TestThreads.assertFree(lock, "await(timeout)");
    }

    /** set() and clear() in one go, under the event's lock: a waiter wakes to a clear flag. */
    private void setThenClear() {
        lock.lock();
        try {
            event.set();
            event.clear();
        } finally {
            lock.unlock();
        }
    }
}
