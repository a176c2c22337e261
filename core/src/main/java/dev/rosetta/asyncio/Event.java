package dev.rosetta.asyncio;

import java.util.ArrayDeque;

/**
 * Python's {@code asyncio.Event}: a flag that tasks can wait for. {@link #set()} wakes every
 * waiter; {@link #waitFor()} returns at once while the flag is set.
 *
 * <p>The idea: a synchroniser without a lock, because only one task runs at a time; waiting is a
 * future per waiter. Thread-safety: loop-only (from another thread:
 * {@code loop.callSoonThreadsafe(event::set)}). Waiters resume on their own tasks' threads.
 *
 * <p>Which Event: this is asyncio's, awaited by the tasks of one loop; {@code
 * dev.rosetta.threading.Event} is {@code threading.Event}, which blocks threads. The JDK has no
 * Event: its nearest, a {@link java.util.concurrent.CountDownLatch} of one, cannot be cleared.
 */
public final class Event {
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
    private boolean flag;

    /** Whether the flag is set (Python: {@code is_set()}). */
    public boolean isSet() {
        return flag;
    }

    /** Sets the flag and wakes every waiter. */
    public void set() {
        if (flag) {
            return;
        }
        flag = true;
        for (Future<Void> waiter : waiters) {
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        }
        waiters.clear();
    }

    /** Clears the flag: later waiters wait again. */
    public void clear() {
        flag = false;
    }

    /** Python's {@code await event.wait()}: suspends until the flag is set. An await point. */
    public void waitFor() {
        if (flag) {
            return;
        }
        Future<Void> waiter = Task.requireCurrent(null, "Event.waitFor").loop.createFuture();
        waiters.add(waiter);
        try {
            waiter.await();
        } finally {
            waiters.remove(waiter);
        }
    }
}
