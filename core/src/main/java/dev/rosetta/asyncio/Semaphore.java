package dev.rosetta.asyncio;

import java.util.ArrayDeque;

/**
 * Python's {@code asyncio.Semaphore}: at most {@code n} tasks inside at once, the rest wait
 * (first come, first served). The usual way to limit concurrency: 10,000 tasks, 100 sockets.
 *
 * <pre>{@code
 * # async with sem:                      try (var permit = sem.acquire()) {
 * #     await fetch(url)                     fetch(url);
 *                                        }
 * }</pre>
 *
 * <p>Releasing more often than acquiring raises the limit without a word, as in Python and as
 * with {@link java.util.concurrent.Semaphore}; {@link BoundedSemaphore} refuses.
 *
 * <p>Thread-safety: loop-only; no lock, since only one task runs at a time. A waiter resumes on
 * its own task's thread.
 *
 * <p>Which Semaphore: this is asyncio's, whose waits are awaits of one loop's tasks;
 * {@link java.util.concurrent.Semaphore} blocks threads (Python's {@code threading.Semaphore}).
 */
public class Semaphore {
    /** A held permit: {@link #close()} releases it, for try-with-resources. */
    public final class Permit implements AutoCloseable {
        private boolean released;

        private Permit() {
        }

        /** Releases the permit (once). */
        @Override
        public void close() {
            if (!released) {
                released = true;
                release();
            }
        }
    }

    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
    private int value;

    /** A semaphore with {@code value} permits. */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, was " + value);
        }
        this.value = value;
    }

    /** The free permits. */
    int value() {
        return value;
    }

    /** Whether {@link #acquire()} would wait (Python: {@code locked()}). */
    public boolean locked() {
        return value == 0 || waiters.stream().anyMatch(w -> !w.isCancelled());
    }

    /** Python's {@code await sem.acquire()}: takes a permit, waiting for one if none is free. An await point. */
    public Permit acquire() {
        if (!locked()) {
            value--;
            return new Permit();
        }
        Future<Void> waiter = Task.requireCurrent(null, "Semaphore.acquire").loop.createFuture();
        waiters.add(waiter);
        try {
            waiter.await();
        } catch (CancelledError e) {
            waiters.remove(waiter);
            if (waiter.isDone() && !waiter.isCancelled()) {
                value++; // we were handed a permit but were cancelled: pass it on
                wakeNext();
            }
            throw e;
        }
        waiters.remove(waiter);
        return new Permit();
    }

    /** Returns a permit, waking the longest waiter (Python: {@code release()}). */
    public void release() {
        value++;
        wakeNext();
    }

    private void wakeNext() {
        for (Future<Void> waiter : waiters) {
            if (!waiter.isDone()) {
                value--;
                waiter.setResult(null);
                return;
            }
        }
    }
}
