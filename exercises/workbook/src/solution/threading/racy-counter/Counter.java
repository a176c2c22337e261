package dev.rosetta.exercises.threading;

/**
 * Reference solution of {@code threading/racy-counter}.
 *
 * <p>Both methods synchronise on the same object ({@code this}), so the read-add-write of
 * {@code count++} runs as one indivisible step, and {@link #get()} sees every write that
 * happened before the lock was last released (the happens-before edge of unlock → lock).
 * Python's answer is the same: {@code with lock: count += 1}.
 */
public class Counter {
    // @GuardedBy("this")
    private int count;

    /** Adds one to the count, atomically. */
    public synchronized void increment() {
        count++;
    }

    /** The count so far. */
    public synchronized int get() {
        return count;
    }
}
