package dev.rosetta.threading;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * CPython's global interpreter lock: at most one thread runs bytecode at a time.
 *
 * <p><b>The idea.</b> A thread must hold the GIL to run instructions. It does not let go
 * whenever it likes: only at <em>check points</em> (in CPython 3.11+: loop back-edges and
 * function entry, where the eval loop looks at its "eval breaker") and around <em>blocking
 * calls</em> (I/O, {@code time.sleep}, which release it: {@code Py_BEGIN_ALLOW_THREADS}).
 * What decides when a holder lets go is the mode:
 * <ul>
 *   <li>{@link NewGil} (3.2+): a waiter waits one switch interval (5 ms), then sets a drop
 *       request; the holder sees it at its next check point, drops the GIL, and waits until
 *       someone else has taken it.</li>
 *   <li>{@link OldGil} (before 3.2): every 100 ticks the holder releases and re-acquires;
 *       nothing makes it wait for the others, so on a multicore machine it mostly wins again.</li>
 *   <li>{@link NoGil} (free-threaded): every operation is a no-op.</li>
 * </ul>
 * Nothing here is fair: whoever wakes first wins, which is why a thread that blocks often waits
 * behind a CPU-bound one (the convoy effect).
 *
 * <pre>{@code
 * GlobalInterpreterLock gil = GlobalInterpreterLock.of(GilMode.GIL);
 * gil.take();                 // a new thread's first act
 * ... instructions ...
 * gil.checkPoint();           // a loop back-edge: drops and re-takes the GIL if asked to
 * gil.blocking(() -> socket.read(buffer));   // runs without the GIL
 * gil.drop();                 // the thread ends
 * }</pre>
 * {@link Interpreter} and {@link PyThreadState} make these calls for you; use the GIL directly
 * only to study it.
 *
 * <p>Thread-safety: every method may be called from any thread. A thread identifies itself by
 * being the caller ({@link Thread#currentThread()}): {@link #drop()} and {@link #checkPoint()}
 * must be called by the holder.
 */
public sealed interface GlobalInterpreterLock permits NewGil, OldGil, NoGil {

    /** A GIL of the given mode with CPython's default knobs (5 ms switch interval, 100 ticks). */
    static GlobalInterpreterLock of(GilMode mode) {
        return switch (mode) {
            case GIL -> new NewGil(NewGil.DEFAULT_SWITCH_INTERVAL);
            case OLD_GIL -> new OldGil(OldGil.DEFAULT_CHECK_INTERVAL);
            case FREE_THREADED -> new NoGil();
        };
    }

    /** The 3.2+ GIL with the given switch interval ({@code sys.setswitchinterval}), which must be &gt; 0. */
    static NewGil withSwitchInterval(Duration switchInterval) {
        return new NewGil(switchInterval);
    }

    /** Which of CPython's answers this lock is. */
    GilMode mode();

    /**
     * Waits until the calling thread holds the GIL ({@code take_gil}).
     *
     * @throws InterruptedException if interrupted while waiting; the caller then does not hold it
     */
    void take() throws InterruptedException;

    /**
     * Lets the GIL go ({@code drop_gil}), waking one waiter.
     *
     * @throws IllegalStateException if the calling thread does not hold it
     */
    void drop();

    /**
     * A check point in the eval loop of the holder: if the mode says it is time to let others
     * run, drops the GIL and takes it again; otherwise returns at once. Cheap: one volatile read
     * in the common case.
     *
     * @throws InterruptedException if interrupted while taking it back; the caller then does not hold it
     */
    void checkPoint() throws InterruptedException;

    /**
     * Runs a blocking call without the GIL, as C code between {@code Py_BEGIN_ALLOW_THREADS}
     * and {@code Py_END_ALLOW_THREADS} does: drops it, calls, takes it back (waiting for it).
     *
     * @throws InterruptedException if interrupted while taking it back; the caller then does not hold it
     */
    default <T> T blocking(Callable<T> call) throws Exception {
        drop();
        try {
            return call.call();
        } finally {
            take();
        }
    }

    /** Whether the calling thread holds the GIL now (always false for {@link NoGil}). */
    boolean isHeldByCurrentThread();

    /** How many times the GIL has passed from one thread to another. */
    long switches();
}
