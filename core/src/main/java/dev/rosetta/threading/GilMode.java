package dev.rosetta.threading;

/**
 * Which interpreter lock a simulated CPython runs with: the three answers CPython has given to
 * "who may run bytecode now?".
 *
 * <p>Thread-safety: immutable.
 */
public enum GilMode {
    /**
     * The GIL of CPython 3.2 and later (Antoine Pitrou's "new GIL"): the holder keeps it until it
     * blocks or until a waiter, after one switch interval (5 ms, {@code sys.setswitchinterval}),
     * asks it to drop it. See {@link NewGil}.
     */
    GIL,
    /**
     * The GIL of CPython before 3.2: the holder releases and re-acquires it every 100 ticks
     * ({@code sys.setcheckinterval}); on a multicore machine it usually wins it straight back,
     * so two CPU-bound threads run slower than one. See {@link OldGil}.
     */
    OLD_GIL,
    /**
     * Free-threaded CPython (PEP 703, 3.13+, {@code python3.13t}, {@code PYTHON_GIL=0}): no GIL,
     * threads run bytecode in parallel, and {@code x += 1} on a shared name loses updates.
     * See {@link NoGil}.
     */
    FREE_THREADED
}
