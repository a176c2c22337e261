package dev.rosetta.exercises.threading;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Classic mistake: the timed wait waits right (for the flag or a new set()), but returns the flag.
 * BROKEN: set() then clear() releases the waiter, which returns false, the answer for "the time ran
 * out". It did not run out: a set() came. Return whether a set() came, not the flag as it is now.
 */
public class Event {
    private final ReentrantLock lock;
    private final Condition changed;
    // @GuardedBy("lock")
    private boolean flag;
    // @GuardedBy("lock") — how many times set() was called; use it or not, as you see fit
    private long sets;

    /** A new event, not set. */
    public Event() {
        this(new ReentrantLock());
    }

    /** A new event whose condition belongs to {@code lock}: the tests pass their own to see who waits. */
    public Event(ReentrantLock lock) {
        this.lock = lock;
        this.changed = lock.newCondition();
    }

    /** Clears the flag ({@code event.clear()}): threads that wait from now on wait for the next set(). */
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
            return flag;        // BROKEN: false after set() then clear(), as if the time ran out
        } finally {
            lock.unlock();
        }
    }

    /** Sets the flag and releases every waiting thread ({@code event.set()}). */
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

    /** Waits until the flag is set, or a set() happens while waiting ({@code event.wait()}). */
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
     * Like {@link #await()}, but waits at most {@code timeout} ({@code event.wait(timeout)}).
     *
     * @return false if the time ran out, true otherwise
     */
    public boolean await(Duration timeout) throws InterruptedException {
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
            return flag;
        } finally {
            lock.unlock();
        }
    }
}
