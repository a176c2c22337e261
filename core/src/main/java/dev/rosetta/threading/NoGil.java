package dev.rosetta.threading;

/**
 * Free-threaded CPython (PEP 703, 3.13+): there is no GIL, so every operation here does nothing
 * and threads run Python code truly in parallel.
 *
 * <p>What replaces the GIL in CPython is finer locking inside the interpreter (per-object locks
 * on dicts and lists, biased reference counting), which keeps the interpreter itself safe. It
 * does not make your read-modify-write atomic: {@code x += 1} on a shared name is a load, an add
 * and a store, and two threads can interleave between them. See {@link GlobalVariable}.
 *
 * <p>Python: {@code python3.13t}, {@code PYTHON_GIL=0} or {@code -X gil=0};
 * {@code sys._is_gil_enabled()} returns {@code False}.
 *
 * <p>Thread-safety: stateless.
 */
public final class NoGil implements GlobalInterpreterLock {
    /** The absent GIL. */
    public NoGil() {
    }

    @Override
    public GilMode mode() {
        return GilMode.FREE_THREADED;
    }

    /** Returns at once: there is nothing to take. */
    @Override
    public void take() {
    }

    /** Returns at once: there is nothing to drop. */
    @Override
    public void drop() {
    }

    /** Returns at once: nobody ever needs to be let in. */
    @Override
    public void checkPoint() {
    }

    /** Always false: nobody holds a GIL that does not exist. */
    @Override
    public boolean isHeldByCurrentThread() {
        return false;
    }

    /** Always 0. */
    @Override
    public long switches() {
        return 0;
    }
}
