package dev.rosetta.exercises.threading;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Classic mistake: drop the GIL at the check point and take it straight back.
 * BROKEN: dropping wakes the waiter, but the holder asks for the GIL again at once and gets it
 * long before the waiter has even been scheduled: the request is "granted" and nothing changes
 * hands. That is the flaw of the GIL before 3.2; forced switching (wait until the switch number
 * moves) is the fix.
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

    /** A check point of the holder: if asked, drop the GIL and take it back. */
    public void checkPoint() throws InterruptedException {
        if (!dropRequest) {
            return;
        }
        drop();
        take();
    }
}
