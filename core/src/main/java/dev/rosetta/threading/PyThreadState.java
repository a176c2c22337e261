package dev.rosetta.threading;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.Lock;

/**
 * What a Python thread's code runs against: CPython's {@code PyThreadState} seen from the eval
 * loop. The code says what it executes, and the simulation puts the GIL's decisions exactly where
 * CPython puts them.
 *
 * <ul>
 *   <li>{@link #instruction()} — one bytecode instruction that is not a check point
 *       ({@code LOAD_FAST}, {@code BINARY_OP}, {@code STORE_GLOBAL}, ...). It does a few
 *       nanoseconds of real work, standing for the interpreter's dispatch, so that the ratio of
 *       work to GIL overhead is of CPython's order. Under the 3.2+ GIL the thread never lets the
 *       GIL go here: between two check points, a thread runs alone.</li>
 *   <li>{@link #backEdge()} — a loop's jump back ({@code JUMP_BACKWARD}): a check point.</li>
 *   <li>{@link #call(Callable)} — a call to a Python function: {@code CALL}, then the callee's
 *       {@code RESUME}, a check point, then its body.</li>
 *   <li>{@link #blocking(Callable)}, {@link #sleep(Duration)} — a blocking call (I/O,
 *       {@code time.sleep}): runs without the GIL.</li>
 *   <li>{@link #acquire(Lock)} — {@code lock.acquire()}: blocks without the GIL only if it must.</li>
 * </ul>
 * At a check point the thread also notices an interrupt and stops with an
 * {@link InterruptedException}, as CPython's eval breaker delivers signals.
 *
 * <p>Thread-safety: confined to its own thread; only that thread may call it.
 */
public final class PyThreadState {
    /** Rounds of xorshift per instruction: a few nanoseconds, CPython's dispatch cost in spirit. */
    static final int DISPATCH_ROUNDS = 4;

    private final String name;
    private final GlobalInterpreterLock gil;
    /** Non-null only under the pre-3.2 GIL, which counts every instruction as a tick. */
    private final OldGil ticks;
    private long work;

    /** A state for the calling thread, created on that thread (its fields stay in its own cache lines). */
    PyThreadState(String name, GlobalInterpreterLock gil) {
        this.name = name;
        this.gil = gil;
        this.ticks = gil instanceof OldGil old ? old : null;
        this.work = name.hashCode() | 1L;
    }

    /** The thread's name ({@code threading.current_thread().name}). */
    public String name() {
        return name;
    }

    /** The interpreter lock this thread runs under. */
    public GlobalInterpreterLock gil() {
        return gil;
    }

    /**
     * Executes one instruction that is not a check point.
     *
     * @throws InterruptedException only under the pre-3.2 GIL, if interrupted while re-taking it
     */
    public void instruction() throws InterruptedException {
        dispatch();
        if (ticks != null) {
            ticks.tick();
        }
    }

    /** Executes {@code count} instructions that are not check points. */
    public void instructions(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            instruction();
        }
    }

    /**
     * A loop's jump back: a check point, where the holder lets the GIL go if asked to.
     *
     * @throws InterruptedException if the thread was interrupted
     */
    public void backEdge() throws InterruptedException {
        dispatch();
        checkPoint();
    }

    /**
     * Calls a Python function: the {@code CALL} instruction, then the callee's entry
     * ({@code RESUME}), a check point, then {@code function}. Whatever the caller loaded before
     * the call may be stale by the time the function returns: another thread may have run.
     *
     * @throws InterruptedException if the thread was interrupted
     */
    public <T> T call(Callable<T> function) throws Exception {
        dispatch();
        checkPoint();
        return function.call();
    }

    /**
     * Runs a blocking call (I/O, a wait) without the GIL, and takes the GIL back afterwards,
     * waiting for it behind whoever holds it.
     */
    public <T> T blocking(Callable<T> call) throws Exception {
        dispatch();
        return gil.blocking(call);
    }

    /**
     * {@code lock.acquire()} of a {@code threading.Lock}, as CPython does it: first a try
     * without letting the GIL go; if the lock is taken, a blocking wait without the GIL (so that
     * the owner can run and release it).
     */
    public void acquire(Lock lock) throws Exception {
        dispatch();
        if (lock.tryLock()) {
            return;
        }
        gil.blocking(() -> {
            lock.lockInterruptibly();
            return null;
        });
    }

    /** {@code time.sleep(duration)}: sleeps without the GIL. */
    public void sleep(Duration duration) throws Exception {
        blocking(() -> {
            Thread.sleep(duration);
            return null;
        });
    }

    /** A figure derived from the work done, so that the JIT cannot drop the work as unused. */
    long workDone() {
        return work;
    }

    private void checkPoint() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("Python thread '" + name + "' interrupted at a check point");
        }
        gil.checkPoint();
    }

    private void dispatch() {
        long w = work;
        for (int i = 0; i < DISPATCH_ROUNDS; i++) {
            w ^= w << 13;
            w ^= w >>> 7;
            w ^= w << 17;
        }
        work = w;
    }
}
