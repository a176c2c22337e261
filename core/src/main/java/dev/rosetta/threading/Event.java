package dev.rosetta.threading;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code threading.Event}: a flag that threads wait for. The JDK has no exact match:
 * a {@link java.util.concurrent.CountDownLatch} of one is an event that can never be cleared.
 *
 * <pre>{@code
 * var ready = new Event();                // ready = threading.Event()
 * ... in a worker:  ready.await();        // ready.wait()
 * ... elsewhere:    ready.set();          // ready.set(): every waiter wakes
 * ready.clear();                          // ready.clear(): later waiters wait again
 * }</pre>
 *
 * <p>The idea: a condition variable needs a condition, checked in a loop (Java's waits can wake
 * up spuriously). Here the condition is "the flag is set, <em>or a {@code set()} happened since I
 * started waiting</em>": Python releases every thread that was waiting when {@code set()} was
 * called, even if {@code clear()} follows at once, so a waiter cannot just re-check the flag.
 * A count of {@code set()} calls (a generation) tells it whether one happened.
 *
 * <p>Thread-safety: every method may be called from any thread. {@link #set()} happens-before
 * the return of every wait that it ends.
 */
public final class Event {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // @GuardedBy("lock")
    private boolean flag;
    // @GuardedBy("lock") — +1 at every set(): a waiter leaves when it moves, even if clear() came after
    private long sets;

    /** A new event, not set. */
    public Event() {
    }

    /** Sets the flag and wakes every waiter ({@code event.set()}). */
    public void set() {
        lock.lock();
        try {
            flag = true;
            sets++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Clears the flag ({@code event.clear()}). */
    public void clear() {
        lock.lock();
        try {
            flag = false;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the flag is set ({@code event.is_set()}). */
    public boolean isSet() {
        lock.lock();
        try {
            return flag;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the flag is set, or until a {@code set()} while waiting ({@code event.wait()}). */
    public void await() throws InterruptedException {
        lock.lock();
        try {
            long seen = sets;
            while (!flag && sets == seen) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits at most {@code timeout} for the flag ({@code event.wait(timeout)}).
     *
     * @return true if the flag was set or a {@code set()} came while waiting; false if the time ran out
     */
    public boolean await(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long left = timeout.toNanos();
        lock.lock();
        try {
            long seen = sets;
            while (!flag && sets == seen) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
