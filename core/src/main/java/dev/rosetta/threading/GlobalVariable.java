package dev.rosetta.threading;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A module-level name holding an int that Python threads share: {@code x} in
 * {@code x = 0; def work(): global x; x += 1}.
 *
 * <p><b>The idea.</b> {@code x += 1} is three instructions: {@link #load} ({@code LOAD_GLOBAL}),
 * an add, {@link #store} ({@code STORE_GLOBAL}). Whether two threads can lose updates depends
 * only on whether another thread can run between the load and the store:
 * <ul>
 *   <li>3.2+ GIL, plain add: no check point between them, so the holder cannot be asked to let
 *       go there: nothing is lost (CPython 3.11: 0 of 2,000,000).</li>
 *   <li>3.2+ GIL, the add is a call (a Python {@code __add__}): the callee's entry is a check
 *       point, the GIL can change hands between load and store, and the other thread's work of a
 *       whole switch interval is overwritten (CPython 3.11: 34% lost).</li>
 *   <li>free-threaded, or pre-3.2 GIL: the other thread can run between any two instructions.</li>
 * </ul>
 *
 * <p>Thread-safety: deliberately none beyond what the GIL gives. Each load and store really
 * reads and writes memory (opaque access: never cached in a register, never torn), but nothing
 * makes a load-add-store atomic. Under a GIL, dropping and taking it orders every access
 * (happens-before through the lock). Read {@link #get()} after the threads have been joined.
 */
public final class GlobalVariable {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(GlobalVariable.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // @GuardedBy("the GIL, when there is one"): accessed only through VALUE, in opaque mode
    @SuppressWarnings("unused")
    private long value;

    /** A name bound to {@code initial}. */
    public GlobalVariable(long initial) {
        VALUE.setVolatile(this, initial);
    }

    /** {@code LOAD_GLOBAL x}: one instruction, then reads the value. */
    public long load(PyThreadState py) throws InterruptedException {
        py.instruction();
        return (long) VALUE.getOpaque(this);
    }

    /** {@code STORE_GLOBAL x}: one instruction, then writes the value. */
    public void store(PyThreadState py, long newValue) throws InterruptedException {
        py.instruction();
        VALUE.setOpaque(this, newValue);
    }

    /** The value, read from outside Python (after the threads that write it have been joined). */
    public long get() {
        return (long) VALUE.getVolatile(this);
    }
}
