package dev.rosetta.multiprocessing;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * How many chunks the pool may send ahead to one worker: a tuning, kept apart from the plain
 * path. The plain path to picture first is a window of one — send a chunk, wait for its answer,
 * send the next — which is what CPython's pool does per worker in effect. It costs a round trip
 * through the pipe per chunk (tens of microseconds), which only matters when the tasks are tiny;
 * this window removes that cost without spoiling the spread of big tasks.
 *
 * <p>It adapts, like TCP's congestion window: it starts at {@link #MIN} (one), so that the first
 * tasks are spread over all workers rather than hoarded by the first; it grows by one per quick
 * chunk, up to {@link #MAX}, so that thousands of tiny tasks keep the pipe full instead of
 * waiting a round trip each; it halves when chunks turn slow. A full window's dispatcher is woken
 * when half of it has come back, so that it sends a batch per wake-up rather than one chunk.
 *
 * <p>Thread-safety: every method takes the window's lock; the worker's dispatcher waits in
 * {@link #awaitRoom}, its results thread reports answers with {@link #finished}.
 */
final class SendWindow {
    static final int MIN = 1;
    static final int MAX = 64;
    /** A chunk whose share of the round trip is below this is "quick": the window grows. */
    private static final long QUICK_NANOS = 200_000;
    /** ... above this, "slow": the window halves. */
    private static final long SLOW_NANOS = 2_000_000;

    /** How many chunks the worker holds now (its in-flight map's size). */
    private final IntSupplier inFlight;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition hasRoom = lock.newCondition();
    // @GuardedBy("lock")
    private int window = MIN;

    SendWindow(IntSupplier inFlight) {
        this.inFlight = inFlight;
    }

    /** Whether the worker could take another chunk right now. */
    boolean hasRoom() {
        lock.lock();
        try {
            return inFlight.getAsInt() < window;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the worker may take one more chunk. */
    void awaitRoom() throws InterruptedException {
        lock.lock();
        try {
            while (inFlight.getAsInt() >= window) {
                hasRoom.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** A chunk came back after {@code roundTripNanos}, with {@code sharedWith} chunks in flight when it was sent. */
    void finished(long roundTripNanos, int sharedWith) {
        lock.lock();
        try {
            long share = roundTripNanos / Math.max(1, sharedWith);
            if (share < QUICK_NANOS) {
                window = Math.min(MAX, window + 1);
            } else if (share > SLOW_NANOS) {
                window = Math.max(MIN, window / 2);
            }
            // wake the dispatcher at half empty, not at every answer: it then sends a batch at once
            if (inFlight.getAsInt() <= window / 2) {
                hasRoom.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
