package dev.rosetta.exercises.threading;

/**
 * Classic mistake: lock the increment, but read without the lock, "because a read cannot race".
 * BROKEN: a read outside the lock need not see the writes made under it: nothing orders them for a
 * reader that takes no lock. A thread polling get() until it reaches a total may see an old value
 * for ever (the JIT can keep the field in a register). On x86 no run shows it, so the test reads
 * the compiled get().
 */
public class Counter {
    // @GuardedBy("this")
    private int count;

    /** Adds one to the count, atomically. */
    public synchronized void increment() {
        count++;
    }

    /** The count so far. */
    public int get() {        // BROKEN: reads without the lock
        return count;
    }
}
