package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code threading/event}. The interleavings are forced through the lock the test
 * hands to the event: a thread counts as waiting once it is parked on the condition, and the
 * test holds the lock where a wake-up could slip through.
 */
@TimeLimit(seconds = 20)
class EventTest {
    /** How long a released thread may take to return before the test calls it stuck. */
    private static final Duration STUCK = TimeLimits.scaled(Duration.ofSeconds(2));

    private final ReentrantLock lock = new ReentrantLock();
    private final Event event = new Event(lock);
    private final FailureCollector failures = new FailureCollector();
    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopEveryThread() throws InterruptedException {
        started.forEach(Thread::interrupt);
        StartGate.joinAll(started, TimeLimits.LONG);
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

    /** set() releases every waiting thread, not just one. */
    @Test
    @DisplayName("set() releases every waiter")
    void setReleasesEveryWaiter() throws Exception {
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread t = start("waiter-" + i, event::await);
            awaitParkedOnCondition(t);
            waiters.add(t);
        }
        event.set();
        long deadline = System.nanoTime() + STUCK.toNanos();
        long released = 0;
        for (Thread t : waiters) {
            released += t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))) ? 1 : 0;
        }
        if (released != 3) {
            fail("set() released " + released + " of 3 waiting threads: it must wake every one of them (an event"
                    + " is a broadcast: signalAll, not signal)");
        }
        failures.rethrow();
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
            waiter = start("waiter", event::await);
            while (!lock.hasQueuedThread(waiter)) {
                if (!waiter.isAlive()) {
                    failures.rethrow();
                    fail("await() returned on a clear event");
                }
                Thread.onSpinWait();
            }
            event.set();
        } finally {
            lock.unlock();
        }
        if (!waiter.join(STUCK)) {
            fail("lost wake-up: the waiter looked at the flag (not set yet) before it took the lock; set() came in"
                    + " between, found nobody waiting, and the waiter then waited for a signal that had already"
                    + " gone. Check the flag only while holding the lock.");
        }
        failures.rethrow();
    }

    /**
     * As in Python, set() releases the threads waiting at that moment even if clear() follows at
     * once. Forced: the test holds the lock across set() and clear(), so the waiter wakes to a
     * clear flag.
     */
    @Test
    @DisplayName("set() then clear() still releases the waiters")
    void setThenClearStillReleasesTheWaiters() throws Exception {
        Thread waiter = start("waiter", event::await);
        awaitParkedOnCondition(waiter);
        lock.lock();
        try {
            event.set();
            event.clear();
        } finally {
            lock.unlock();
        }
        if (!waiter.join(STUCK)) {
            fail("set() then clear() at once: the thread that was waiting when set() was called must be released,"
                    + " as in Python, although the flag is false again by the time it runs. Waiting while the flag is"
                    + " false is not enough: also leave when a set() has happened since you started waiting (count"
                    + " them).");
        }
        failures.rethrow();
    }

    /** A timed wait returns true when set() comes during it. */
    @Test
    @DisplayName("await(timeout) returns true when set() comes in time")
    void aTimedWaitSeesTheSet() throws Exception {
        var result = new boolean[1];
        Thread waiter = start("waiter", () -> result[0] = event.await(TimeLimits.LONG));
        awaitParkedOnCondition(waiter);
        event.set();
        if (!waiter.join(STUCK)) {
            fail("await(timeout) was not released by set()");
        }
        failures.rethrow();
        assertTrue(result[0], "await(timeout) returned false although set() came before the time ran out");
    }

    private Thread start(String name, FailureCollector.Task task) {
        Thread t = Thread.ofPlatform().name(name).start(failures.wrap(task));
        started.add(t);
        return t;
    }

    /** Spins until {@code t} is parked on the event's condition (waiting, not queued for the lock). */
    private void awaitParkedOnCondition(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + STUCK.toNanos();
        while (!(t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)
                || lock.hasQueuedThread(t) || lock.isLocked()) {
            if (!t.isAlive()) {
                failures.rethrow();
                fail("a wait on a clear event returned at once; it should have waited");
            }
            if (System.nanoTime() > deadline) {
                fail("a wait on a clear event should wait on the condition ('changed.await()'), but " + t.getName()
                        + " is " + t.getState());
            }
            Thread.onSpinWait();
        }
    }
}
