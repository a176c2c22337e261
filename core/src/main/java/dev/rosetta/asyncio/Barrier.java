package dev.rosetta.asyncio;

/**
 * Python 3.11's {@code asyncio.Barrier}: {@code parties} tasks each call {@link #waitFor()}; the
 * first ones wait, and when the last arrives all go on together. Then it is ready for the next
 * round (it is cyclic).
 *
 * <pre>{@code
 * # barrier = asyncio.Barrier(3)           var barrier = new Barrier(3);
 * # index = await barrier.wait()           int index = barrier.waitFor();
 * }</pre>
 *
 * <p>{@link #waitFor()} returns the task's arrival index in the round, 0 for the first to arrive
 * and {@code parties - 1} for the last. The JDK's {@link java.util.concurrent.CyclicBarrier} is
 * the same idea for threads, but its {@code await()} counts the other way ({@code parties - 1}
 * for the first, 0 for the last), takes a barrier action (asyncio's has none), and throws the
 * checked {@link java.util.concurrent.BrokenBarrierException}; this one throws the unchecked
 * {@link BrokenBarrierError}.
 *
 * <p>Breaking it: {@link #abort()} breaks it for good (every waiter, and every later
 * {@link #waitFor()}, gets {@link BrokenBarrierError}); {@link #reset()} sends the current
 * waiters away with {@link BrokenBarrierError} and makes it usable again. A waiter that is
 * cancelled just leaves: the barrier is not broken and counts one fewer (as CPython's).
 *
 * <pre>
 *   FILLING --last arrives--> DRAINING --all have left--> FILLING
 *      |   \--reset() with waiters--> RESETTING --all have left--> FILLING
 *      \--abort()--> BROKEN (until reset())
 * </pre>
 *
 * <p>Thread-safety: loop-only. Built on a {@link Condition} (as CPython's is); {@link #abort()}
 * and {@link #reset()} take its lock, so they are await points too (Python's are coroutines).
 */
public final class Barrier {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final Condition cond = new Condition();
    private final int parties;
    // Accessed only by the task holding cond's lock.
    private State state = State.FILLING;
    private int count;

    /** A barrier for {@code parties} tasks; throws {@link IllegalArgumentException} (Python's ValueError) below 1. */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be > 0");
        }
        this.parties = parties;
    }

    /**
     * Python's {@code await barrier.wait()}: waits until {@code parties} tasks have called it;
     * returns this task's arrival index (0 first). Throws {@link BrokenBarrierError} if the barrier
     * is or becomes broken, or is reset while waiting. An await point.
     */
    @SuppressWarnings("try") // the lock is held for the block: Python's `async with self._cond:`
    public int waitFor() {
        try (var held = cond.acquire()) {
            // a round still emptying, or a reset under way, must finish before a new one fills
            cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING);
            if (state == State.BROKEN) {
                throw new BrokenBarrierError("Barrier aborted");
            }
            int index = count++;
            try {
                if (index + 1 == parties) {
                    state = State.DRAINING; // the last one in lets everyone go
                    cond.notifyAllWaiters();
                } else {
                    cond.waitFor(() -> state != State.FILLING);
                    if (state == State.BROKEN || state == State.RESETTING) {
                        throw new BrokenBarrierError("Abort or reset of barrier");
                    }
                }
                return index;
            } finally {
                count--;
                leave();
            }
        }
    }

    private void leave() {
        if (count == 0) {
            if (state == State.DRAINING || state == State.RESETTING) {
                state = State.FILLING;
            }
            cond.notifyAllWaiters();
        }
    }

    /** Python's {@code await barrier.reset()}: waiters get {@link BrokenBarrierError}; then it is usable again. */
    @SuppressWarnings("try")
    public void reset() {
        try (var held = cond.acquire()) {
            state = count > 0 ? State.RESETTING : State.FILLING;
            cond.notifyAllWaiters();
        }
    }

    /** Python's {@code await barrier.abort()}: broken for good; every waiter and later caller gets {@link BrokenBarrierError}. */
    @SuppressWarnings("try")
    public void abort() {
        try (var held = cond.acquire()) {
            state = State.BROKEN;
            cond.notifyAllWaiters();
        }
    }

    /** How many tasks it takes to pass (Python: {@code parties}). */
    public int parties() {
        return parties;
    }

    /** How many tasks wait in the round being filled (Python: {@code n_waiting}); 0 while draining. */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether it is broken (Python: {@code broken}). */
    public boolean broken() {
        return state == State.BROKEN;
    }
}
