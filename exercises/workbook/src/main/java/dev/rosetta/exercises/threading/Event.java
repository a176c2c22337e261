package dev.rosetta.exercises.threading;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exercise {@code threading/event}: Python's {@code threading.Event}, a flag that threads wait
 * for, built on a lock and a condition.
 *
 * <p>In Python:
 * <pre>
 * ready = threading.Event()
 * # workers:                     # the main thread, later:
 * ready.wait()                   ready.set()      # releases every waiting thread
 * if ready.wait(timeout=1.0):    ready.clear()    # later waiters wait again
 *     ...
 * </pre>
 *
 * <p>The rules, as Python has them: {@link #set()} releases <em>every</em> thread waiting at that
 * moment, even if {@link #clear()} follows at once (a released thread does not go back to
 * waiting because the flag is false again by the time it runs); a wait that starts while the flag
 * is set returns at once; {@code await(timeout)} returns false only if the time ran out.
 *
 * <p>{@link #clear()} and {@link #isSet()} are written; write {@link #set()} and the two waits.
 * Run the tests ({@code ./rosetta learn check threading/event}) and read what they say.
 *
 * <p>Chapter: docs/threading.md. Hints: {@code ./rosetta learn hint threading/event}.
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
            return flag;
        } finally {
            lock.unlock();
        }
    }

    /** Sets the flag and releases every waiting thread ({@code event.set()}). */
    public void set() {
        throw new UnsupportedOperationException("write set(): under the lock, set the flag and wake every thread"
                + " waiting on 'changed'");
    }

    /** Waits until the flag is set, or a set() happens while waiting ({@code event.wait()}). */
    public void await() throws InterruptedException {
        throw new UnsupportedOperationException("write await(): under the lock, wait on 'changed' until the flag"
                + " is set or a set() has happened since you started waiting");
    }

    /**
     * Like {@link #await()}, but waits at most {@code timeout} ({@code event.wait(timeout)}).
     *
     * @return false if the time ran out, true otherwise
     */
    public boolean await(Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException("write await(timeout): like await(), with changed.awaitNanos(...)");
    }
}
