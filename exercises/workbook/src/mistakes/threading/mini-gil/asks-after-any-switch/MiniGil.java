package dev.rosetta.exercises.threading;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Classic mistake: ask for the GIL whenever a wait of one interval runs out, whoever holds it.
 * BROKEN: if the GIL changed hands during the wait, the new holder has only just got it and is asked
 * to let go at once: threads switch far more often than every interval. CPython asks only if the
 * switch number did not move during the wait.
 */
public class MiniGil {
    private final ReentrantLock mutex;
    /** Signalled when the GIL is dropped (CPython: gil->cond). */
    private final Condition dropped;
    /** Signalled when the GIL is taken (CPython: gil->switch_cond). */
    private final Condition taken;
    private final long intervalNanos;

    // @GuardedBy("mutex")
    private boolean locked;
    // @GuardedBy("mutex") — +1 every time a thread takes the GIL
    private long switchNumber;
    /** The eval breaker: set by a waiter, read by the holder at its check points without the mutex. */
    private volatile boolean dropRequest;

    /** A free GIL with the given switch interval. */
    public MiniGil(Duration switchInterval) {
        this(switchInterval, new ReentrantLock());
    }

    /** A free GIL whose mutex is {@code mutex}: the tests pass their own, to hold it where they need to. */
    public MiniGil(Duration switchInterval, ReentrantLock mutex) {
        if (switchInterval.isNegative() || switchInterval.isZero()) {
            throw new IllegalArgumentException("switch interval must be > 0, was " + switchInterval);
        }
        this.intervalNanos = switchInterval.toNanos();
        this.mutex = mutex;
        this.dropped = mutex.newCondition();
        this.taken = mutex.newCondition();
    }

    /** Lets the GIL go and wakes one waiter. Only the holder calls it. */
    public void drop() {
        mutex.lock();
        try {
            locked = false;
            dropped.signal();
        } finally {
            mutex.unlock();
        }
    }

    /** Whether a waiter has asked the holder to drop the GIL. */
    public boolean dropRequested() {
        return dropRequest;
    }

    /** Waits until the calling thread holds the GIL, asking the holder for it after each switch interval. */
    public void take() throws InterruptedException {
        mutex.lock();
        try {
            while (locked) {
                long left = dropped.awaitNanos(intervalNanos);
                if (left <= 0 && locked) {      // BROKEN: the holder may have changed meanwhile
                    dropRequest = true;
                }
            }
            locked = true;
            switchNumber++;
            taken.signalAll();
            dropRequest = false;
        } finally {
            mutex.unlock();
        }
    }

    /** A check point of the holder: if asked, drop the GIL, wait until another thread took it, take it back. */
    public void checkPoint() throws InterruptedException {
        if (!dropRequest) {
            return;
        }
        mutex.lock();
        try {
            long saved = switchNumber;
            locked = false;
            dropped.signal();
            while (switchNumber == saved) {
                taken.await();
            }
        } finally {
            mutex.unlock();
        }
        take();
    }
}
