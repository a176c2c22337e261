package dev.rosetta.threading;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The GIL of CPython before 3.2: a plain lock that the holder releases and re-acquires every
 * {@code checkInterval} ticks (100 by default, {@code sys.setcheckinterval}), with nothing to
 * make it wait for the others.
 *
 * <p><b>The idea.</b> On one core this round-robins well enough: releasing wakes a waiter and
 * the OS usually switches to it. On a multicore machine the releasing thread keeps running and
 * re-acquires the lock a few nanoseconds later, long before the woken waiter has been scheduled
 * on another core; the waiter finds the lock taken and sleeps again. Every 100 ticks the holder
 * pays for a wake-up that buys nothing, and the two cores fight over the lock's cache line.
 * David Beazley measured two CPU-bound threads 1.8 times <em>slower</em> than the same work done
 * in sequence (2009). CPython 3.2 replaced it with {@link NewGil}.
 *
 * <p>Like Python 2 on Linux, the lock is a semaphore (a POSIX {@code sem_t}), rebuilt here in a
 * few lines so that its cost is visible: a flag taken by compare-and-set, and a release that
 * wakes a waiter whenever there is one ({@code sem_post} calls {@code futex_wake} whenever the
 * semaphore has waiters). Nothing stops the releasing thread from winning again. A tick is one
 * instruction; check points count as instructions too, and there is no other difference between
 * them: in Python 2 a switch could come between any two instructions, so even a plain
 * {@code x += 1} could lose updates.
 *
 * <p>While {@link dev.rosetta.trace.Tracer#record() tracing} is on it records who holds the GIL
 * ({@link GilTrace}, as "holds old GIL"): a periodic release that the holder wins straight back
 * does not end its bar, so long bars show it winning again and again.
 *
 * <p>Thread-safety: safe for use by any number of threads; see {@link GlobalInterpreterLock}.
 */
public final class OldGil implements GlobalInterpreterLock {
    /** Python 2's default check interval: 100 ticks. */
    public static final int DEFAULT_CHECK_INTERVAL = 100;

    /** The semaphore's value: true while someone holds the GIL. */
    private final AtomicBoolean locked = new AtomicBoolean();
    /** Threads blocked in {@link #take()}. */
    private final ConcurrentLinkedQueue<Thread> waiters = new ConcurrentLinkedQueue<>();
    private final int checkInterval;

    // @GuardedBy("the GIL itself: only its holder reads or writes it") — _Py_Ticker
    private int ticker;
    // written by the holder only; volatile so that other threads may read it
    private volatile Thread holder;
    private volatile Thread lastHolder;
    private volatile long switches;
    private volatile long periodicReleases;
    // @GuardedBy("the GIL itself") — when the holder took it, on the trace clock; 0 when not traced
    private long heldSince;

    /**
     * A pre-3.2 GIL, free, releasing every {@code checkInterval} ticks.
     *
     * @throws IllegalArgumentException if {@code checkInterval} is not at least 1
     */
    public OldGil(int checkInterval) {
        if (checkInterval < 1) {
            throw new IllegalArgumentException("check interval must be at least 1 tick, was " + checkInterval);
        }
        this.checkInterval = checkInterval;
        this.ticker = checkInterval;
    }

    @Override
    public GilMode mode() {
        return GilMode.OLD_GIL;
    }

    /** Ticks between two releases ({@code sys.getcheckinterval()}). */
    public int checkInterval() {
        return checkInterval;
    }

    @Override
    public void take() throws InterruptedException {
        Thread me = Thread.currentThread();
        if (holder == me) {
            throw new IllegalStateException(me.getName() + " already holds the GIL");
        }
        acquire(me);
        if (lastHolder != null && lastHolder != me) {
            switches++;     // only the holder writes: the GIL itself guards the counter
        }
        lastHolder = me;
        holder = me;
        heldSince = GilTrace.holdStarts();
    }

    @Override
    public void drop() {
        Thread me = Thread.currentThread();
        if (holder != me) {
            throw new IllegalStateException(me.getName() + " dropped the GIL without holding it");
        }
        if (heldSince != 0) {
            GilTrace.oldGilHeld(heldSince, GilTrace.holdStarts());
            heldSince = 0;
        }
        holder = null;
        locked.set(false);
        Thread waiter = waiters.peek();
        if (waiter != null) {
            LockSupport.unpark(waiter);     // sem_post: wake a waiter, who will probably lose the race
        }
    }

    /** sem_wait: take the flag if it is free, else sleep until a release wakes us, and try again. */
    private void acquire(Thread me) throws InterruptedException {
        if (locked.compareAndSet(false, true)) {
            return;
        }
        waiters.add(me);
        try {
            while (!locked.compareAndSet(false, true)) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException(me.getName() + " interrupted while waiting for the GIL");
                }
            }
        } finally {
            waiters.remove(me);
        }
    }

    /**
     * One tick: counts down, and every {@code checkInterval} ticks releases the GIL and
     * re-acquires it at once, as Python 2's eval loop did.
     *
     * @throws InterruptedException if interrupted while re-acquiring; the caller then does not hold it
     */
    public void tick() throws InterruptedException {
        if (--ticker > 0) {
            return;
        }
        ticker = checkInterval;
        periodicReleases++;
        long since = heldSince;
        if (since == 0) {   // not traced
            drop();
            take();     // no waiting for the others: on a multicore machine we usually win
            return;
        }
        long droppedAt = GilTrace.holdStarts();
        long switchesBefore = switches;
        heldSince = 0;      // this hold is recorded here, not by drop(): it may go on
        drop();
        take();
        if (switches == switchesBefore) {
            heldSince = since;                      // won it straight back: one hold, one bar
        } else {
            GilTrace.oldGilHeld(since, droppedAt);  // another thread got in between
        }
    }

    /** A check point is just another tick here. */
    @Override
    public void checkPoint() throws InterruptedException {
        tick();
    }

    @Override
    public boolean isHeldByCurrentThread() {
        return holder == Thread.currentThread();
    }

    /** How many times a holder released and re-acquired the GIL because its ticks ran out. */
    public long periodicReleases() {
        return periodicReleases;
    }

    @Override
    public long switches() {
        return switches;
    }
}
