package dev.rosetta.threading;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The GIL of CPython 3.2 and later, after {@code Python/ceval_gil.c}: a waiter asks for it
 * after one switch interval, the holder drops it at its next check point and then waits until
 * another thread has it.
 *
 * <p>Python: {@code sys.setswitchinterval(0.005)} / {@code sys.getswitchinterval()} are
 * {@link #setSwitchInterval} / {@link #switchInterval()}.
 *
 * <p><b>The algorithm</b> (names as in {@code ceval_gil.c}):
 * <pre>
 *  take_gil                                   drop_gil
 *  ────────                                   ────────
 *  lock mutex                                 lock mutex
 *  while locked:                              locked = false; signal cond
 *      saved = switch_number                  if dropping because asked to:
 *      wait on cond, at most one interval         reset the drop request
 *      if timed out, still locked, and            wait on switch_cond until another
 *         nobody took it meanwhile:                  thread has taken it  (FORCE_SWITCHING)
 *          set the drop request (eval breaker) unlock mutex
 *  locked = true; switch_number++
 *  signal switch_cond; reset the drop request
 *  unlock mutex
 *
 *  check point (loop back-edge, function entry): if the drop request is set: drop_gil; take_gil
 * </pre>
 * The drop request costs the holder one volatile read per check point. Forced switching makes
 * the thread that was asked to drop wait for the requester to get in, so a CPU-bound holder
 * cannot grab the GIL straight back (the flaw of {@link OldGil}). There is no fairness beyond
 * that: a thread coming back from a blocking call must wait a whole interval behind a CPU-bound
 * holder before it may even ask, which is the convoy effect.
 *
 * <p>While {@link dev.rosetta.trace.Tracer#record() tracing} is on it records who holds the GIL,
 * every drop request and every forced switch ({@link GilTrace}).
 *
 * <p>Thread-safety: safe for use by any number of threads; see {@link GlobalInterpreterLock}.
 */
public final class NewGil implements GlobalInterpreterLock {
    /** CPython's default switch interval, 5 ms. */
    public static final Duration DEFAULT_SWITCH_INTERVAL = Duration.ofMillis(5);

    /* Implementation overview: one ReentrantLock plays both gil->mutex and gil->switch_mutex of
     * ceval_gil.c; two conditions on it are gil->cond and gil->switch_cond. The drop request is
     * the only state the holder reads without the mutex, hence volatile. */

    private final ReentrantLock mutex = new ReentrantLock();
    /** gil->cond: signalled when the GIL is dropped. */
    private final Condition dropped = mutex.newCondition();
    /** gil->switch_cond: signalled when the GIL is taken, or a waiter gives up. */
    private final Condition taken = mutex.newCondition();

    // @GuardedBy("mutex")
    private boolean locked;
    // @GuardedBy("mutex") — gil->last_holder
    private Thread holder;
    // @GuardedBy("mutex") — gil->switch_number: +1 on every take
    private long switchNumber;
    // @GuardedBy("mutex") — threads inside take() waiting for the GIL
    private int waiting;
    // @GuardedBy("mutex")
    private long switches;
    // @GuardedBy("mutex")
    private long dropRequests;

    // @GuardedBy("mutex") — when the holder took the GIL, on the trace clock; 0 when not traced
    private long heldSince;

    /** The eval breaker's drop-request bit: set and reset under the mutex, read by the holder without it. */
    private volatile boolean dropRequest;
    private volatile long switchIntervalNanos;

    /**
     * A 3.2+ GIL, free, with the given switch interval.
     *
     * @throws IllegalArgumentException if the interval is not &gt; 0
     */
    public NewGil(Duration switchInterval) {
        setSwitchInterval(switchInterval);
    }

    @Override
    public GilMode mode() {
        return GilMode.GIL;
    }

    /** How long a waiter waits before it asks the holder to drop the GIL ({@code sys.getswitchinterval()}). */
    public Duration switchInterval() {
        return Duration.ofNanos(switchIntervalNanos);
    }

    /**
     * Sets how long a waiter waits before asking for the GIL ({@code sys.setswitchinterval});
     * takes effect at the next wait.
     *
     * @throws IllegalArgumentException if the interval is not &gt; 0
     */
    public void setSwitchInterval(Duration interval) {
        Objects.requireNonNull(interval, "switch interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("switch interval must be > 0, was " + interval
                    + " (CPython: sys.setswitchinterval() refuses it too)");
        }
        switchIntervalNanos = interval.toNanos();
    }

    @Override
    public void take() throws InterruptedException {
        Thread me = Thread.currentThread();
        mutex.lock();
        try {
            if (locked && holder == me) {
                throw new IllegalStateException(me.getName() + " already holds the GIL");
            }
            waitUntilFree();
            locked = true;
            if (holder != null && holder != me) {
                switches++;
            }
            holder = me;
            switchNumber++;
            taken.signalAll();
            dropRequest = false;
            heldSince = GilTrace.holdStarts();
        } finally {
            mutex.unlock();
        }
    }

    // @GuardedBy("mutex")
    private void waitUntilFree() throws InterruptedException {
        if (!locked) {
            return;
        }
        waiting++;
        try {
            while (locked) {
                long saved = switchNumber;
                long left = dropped.awaitNanos(switchIntervalNanos);
                if (left <= 0 && locked && switchNumber == saved && !dropRequest) {
                    dropRequest = true;     // the holder will see it at its next check point
                    dropRequests++;
                    GilTrace.dropRequest(holder);
                }
            }
        } finally {
            waiting--;
            taken.signalAll();              // a holder waiting for us to get in must not wait forever
        }
    }

    @Override
    public void drop() {
        mutex.lock();
        try {
            release();
        } finally {
            mutex.unlock();
        }
    }

    // @GuardedBy("mutex")
    private void release() {
        Thread me = Thread.currentThread();
        if (!locked || holder != me) {
            throw new IllegalStateException(me.getName() + " dropped the GIL without holding it");
        }
        GilTrace.holdEnds(heldSince);
        heldSince = 0;
        locked = false;
        dropped.signal();
    }

    @Override
    public void checkPoint() throws InterruptedException {
        if (!dropRequest) {
            return;
        }
        mutex.lock();
        try {
            release();
            if (dropRequest) {
                dropRequest = false;
                forceSwitch();
            }
        } finally {
            mutex.unlock();
        }
        take();
    }

    /** FORCE_SWITCHING: the holder that was asked to drop waits until another thread has taken the GIL. */
    // @GuardedBy("mutex")
    private void forceSwitch() throws InterruptedException {
        long since = GilTrace.holdStarts();
        long saved = switchNumber;
        while (switchNumber == saved && waiting > 0) {
            taken.await();
        }
        GilTrace.forcedSwitch(since);
    }

    @Override
    public boolean isHeldByCurrentThread() {
        mutex.lock();
        try {
            return locked && holder == Thread.currentThread();
        } finally {
            mutex.unlock();
        }
    }

    /** Whether a waiter has asked the holder to drop the GIL and the holder has not yet done so. */
    public boolean dropRequested() {
        return dropRequest;
    }

    /** How many drop requests waiters have made: each one a switch interval that ran out. */
    public long dropRequests() {
        mutex.lock();
        try {
            return dropRequests;
        } finally {
            mutex.unlock();
        }
    }

    /** How many threads are waiting for the GIL now. */
    public int waiting() {
        mutex.lock();
        try {
            return waiting;
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public long switches() {
        mutex.lock();
        try {
            return switches;
        } finally {
            mutex.unlock();
        }
    }
}
