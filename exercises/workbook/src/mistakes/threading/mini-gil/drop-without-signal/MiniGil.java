package dev.rosetta.exercises.threading;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Classic mistake: the check point sets locked = false, but does not signal 'dropped'.
 * BROKEN: the waiter sleeps on in its timed wait until its interval runs out, and the holder sleeps
 * waiting for the switch: every requested switch costs a whole switch interval (CPython signals the
 * waiter when it drops the GIL: drop_gil's COND_SIGNAL).
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
                long saved = switchNumber;
                long left = dropped.awaitNanos(intervalNanos);
                if (left <= 0 && locked && switchNumber == saved) {
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
            locked = false;     // BROKEN: and nobody is told
            while (switchNumber == saved) {
                taken.await();
            }
        } finally {
            mutex.unlock();
        }
        take();
    }
}
