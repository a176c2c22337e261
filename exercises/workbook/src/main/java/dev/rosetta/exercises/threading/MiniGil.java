package dev.rosetta.exercises.threading;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exercise {@code threading/mini-gil}: the heart of CPython 3.2+'s GIL, the drop request.
 *
 * <p>One thread holds the GIL and runs; it only lets go at a <em>check point</em> (a loop's
 * jump back, a call), and only when asked. A thread that wants the GIL waits one switch
 * interval; if the GIL has not changed hands by then, it sets {@code dropRequest}. The holder,
 * at its next {@link #checkPoint()}, sees the request, drops the GIL, <em>waits until another
 * thread has taken it</em> (otherwise it would just grab it back), and then takes it again.
 *
 * <p>In CPython ({@code Python/ceval_gil.c}, simplified):
 * <pre>
 * take_gil:                                   check point (eval breaker):
 *   while locked:                               if drop_request:
 *     saved = switch_number                       drop_gil()
 *     timed_out = cond.wait(interval)             wait until switch_number changed
 *     if timed_out and locked                     take_gil()
 *        and switch_number == saved:
 *       drop_request = True
 *   locked = True; switch_number += 1
 *   switch_cond.notify_all(); drop_request = False
 * </pre>
 *
 * <p>{@link #drop()} is written. {@link #take()} waits, but never asks; {@link #checkPoint()}
 * does nothing. Finish them. Run the tests ({@code ./rosetta learn check threading/mini-gil}).
 * The full version: {@code core/src/main/java/dev/rosetta/threading/NewGil.java}.
 *
 * <p>Chapter: docs/threading.md. Hints: {@code ./rosetta learn hint threading/mini-gil}.
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
                // TODO wait at most one switch interval; if it ran out while the GIL stayed with the same
                // holder (switchNumber unchanged), set dropRequest so that the holder lets go.
                dropped.await();
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
        // TODO if dropRequest is set: drop the GIL, wait (on 'taken') until switchNumber has changed, then take().
    }
}
