package dev.rosetta.asyncio;

import java.util.ArrayDeque;

/**
 * Python's {@code asyncio.Lock}: one task at a time in a critical section that <b>awaits</b>.
 * Between two awaits a task needs no lock at all (nothing else runs); a lock is for a section
 * that awaits in the middle, such as "read the cache, fetch if missing, write the cache".
 * Waiters are served first come, first served.
 *
 * <pre>{@code
 * # async with lock:                     try (var held = lock.acquire()) {
 * #     await refresh(cache)                 refresh(cache);
 *                                        }
 * }</pre>
 *
 * <p>Which Lock: this is asyncio's, held by tasks of one loop; the JDK's
 * {@link java.util.concurrent.locks.Lock} is the interface of thread locks. Unlike the JDK's
 * {@link java.util.concurrent.locks.ReentrantLock} (a lock of threads) it has
 * <b>no owner and does not re-enter</b>: a task that acquires it twice waits for itself forever,
 * and any task may release it (as in Python). Releasing it unlocked throws
 * {@link IllegalStateException} (Python's {@code RuntimeError('Lock is not acquired.')}).
 *
 * <p>Thread-safety: loop-only; no JDK lock inside, since only one task runs at a time.
 * A waiter resumes on its own task's thread.
 */
public final class Lock implements AutoCloseable {
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
    private boolean locked;

    /** Whether some task holds it (Python: {@code locked()}). */
    public boolean locked() {
        return locked;
    }

    /**
     * Python's {@code await lock.acquire()}: takes the lock, waiting behind earlier waiters if it
     * is held. Returns the lock itself, whose {@link #close()} releases it, for
     * try-with-resources ({@code async with lock:}). An await point when it waits.
     */
    public Lock acquire() {
        if (!locked && waiters.stream().allMatch(Future::isCancelled)) {
            locked = true;
            return this;
        }
        Future<Void> waiter = Task.requireCurrent(null, "Lock.acquire").loop.createFuture();
        waiters.add(waiter);
        try {
            waiter.await();
        } catch (CancelledError e) {
            if (!locked) {
                wakeFirst(); // we may have been woken as the next holder: pass the turn on
            }
            throw e;
        } finally {
            waiters.remove(waiter);
        }
        locked = true;
        return this;
    }

    /** Python's {@code lock.release()}: unlocks and wakes the first waiter. Any task may call it. */
    public void release() {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        wakeFirst();
    }

    /** Releases the lock: the end of {@code async with lock:}. */
    @Override
    public void close() {
        release();
    }

    private void wakeFirst() {
        Future<Void> first = waiters.peek();
        if (first != null && !first.isDone()) {
            first.setResult(null);
        }
    }

    @Override
    public String toString() {
        return "<asyncio.Lock [" + (locked ? "locked" : "unlocked") + ", waiters:" + waiters.size() + "]>";
    }
}
