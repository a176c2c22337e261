package dev.rosetta.asyncio;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * Python's {@code asyncio.Condition}: tasks wait, holding a {@link Lock}, until another task
 * changes the state and notifies them.
 *
 * <pre>{@code
 * # async with cond:                        try (var held = cond.acquire()) {
 * #     await cond.wait_for(lambda: ready)      cond.waitFor(() -> ready);
 * # async with cond:                        try (var held = cond.acquire()) {
 * #     ready = True; cond.notify_all()         ready = true; cond.notifyAllWaiters();
 *                                           }
 * }</pre>
 *
 * <p>{@link #waitFor(BooleanSupplier)} is nothing but the loop every waiter must write:
 * {@code while (!predicate()) waitFor();} — a woken waiter re-checks, because another task may
 * have run first and changed the state back.
 *
 * <p>Names: {@code wait()}, {@code notify()} and {@code notifyAll()} are final methods of every
 * Java object (the monitor's, which throw {@code IllegalMonitorStateException} here), so
 * Python's {@code wait()} is {@link #waitFor()} (as {@link Event#waitFor()}), {@code notify(n)} is
 * {@link #notifyWaiters(int)} and {@code notify_all()} is {@link #notifyAllWaiters()}. The JDK's
 * {@link java.util.concurrent.locks.Condition} ({@code await}/{@code signal}) is the same idea
 * for threads; this one parks tasks, never the loop's thread.
 *
 * <p>Errors as Python's: waiting or notifying without holding the lock throws
 * {@link IllegalStateException} (Python's {@code RuntimeError}). A waiter cancelled in
 * {@link #waitFor()} takes the lock back before its {@link CancelledError} propagates.
 *
 * <p>Thread-safety: loop-only, like {@link Lock}.
 */
public final class Condition implements AutoCloseable {
    private final Lock lock;
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();

    /** A condition over a new {@link Lock}. */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock}, shared with other conditions or code (Python: {@code Condition(lock)}). */
    public Condition(Lock lock) {
        this.lock = lock;
    }

    /** Python's {@code await cond.acquire()}: takes the underlying lock; returns this, to close for {@code async with}. */
    public Condition acquire() {
        lock.acquire();
        return this;
    }

    /** Releases the underlying lock. */
    public void release() {
        lock.release();
    }

    /** Whether the underlying lock is held. */
    public boolean locked() {
        return lock.locked();
    }

    /** Releases the underlying lock: the end of {@code async with cond:}. */
    @Override
    public void close() {
        release();
    }

    /**
     * Python's {@code await cond.wait()}: releases the lock, suspends until notified, and takes
     * the lock again before returning (or before a cancellation propagates). An await point.
     */
    public void waitFor() {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        Task.requireCurrent(null, "Condition.waitFor");
        lock.release();
        CancelledError cancelled = null;
        Future<Void> waiter = Asyncio.getRunningLoop().createFuture();
        waiters.add(waiter);
        try {
            waiter.await();
        } catch (CancelledError e) {
            cancelled = e;
        } finally {
            waiters.remove(waiter);
        }
        while (true) { // the lock must be ours again, cancelled or not
            try {
                lock.acquire();
                break;
            } catch (CancelledError e) {
                cancelled = e;
            }
        }
        if (cancelled != null) {
            throw cancelled;
        }
    }

    /**
     * Python's {@code await cond.wait_for(predicate)}: exactly
     * {@code while (!predicate.getAsBoolean()) waitFor();} — the predicate is checked first, and
     * again after every wake-up, always with the lock held.
     */
    public void waitFor(BooleanSupplier predicate) {
        while (!predicate.getAsBoolean()) {
            waitFor();
        }
    }

    /** Python's {@code cond.notify(n)}: wakes up to {@code n} waiters, longest waiting first. Hold the lock. */
    public void notifyWaiters(int n) {
        if (!lock.locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        int woken = 0;
        for (Future<Void> waiter : waiters) {
            if (woken >= n) {
                return;
            }
            if (!waiter.isDone()) {
                woken++;
                waiter.setResult(null);
            }
        }
    }

    /** Python's {@code cond.notify()}: wakes one waiter. Hold the lock. */
    public void notifyWaiters() {
        notifyWaiters(1);
    }

    /** Python's {@code cond.notify_all()}: wakes every waiter. Hold the lock. */
    public void notifyAllWaiters() {
        notifyWaiters(waiters.size());
    }
}
