package dev.rosetta.exercises.threading;

/**
 * Classic mistake: a {@code static} count, "so that all the threads share it".
 * BROKEN: the threads already share it, because they share the counter; static makes every
 * Counter share it too. A new counter does not start at zero, and two counters count each
 * other's increments (Python's module-level {@code count} is the same trap: one per program).
 */
public class Counter {
    // @GuardedBy("Counter.class")
    private static int count;     // BROKEN: one count for every Counter

    /** Adds one to the count, atomically. */
    public void increment() {
        synchronized (Counter.class) {
            count++;
        }
    }

    /** The count so far. */
    public int get() {
        synchronized (Counter.class) {
            return count;
        }
    }
}
