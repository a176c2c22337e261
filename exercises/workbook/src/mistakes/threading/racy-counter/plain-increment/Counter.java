package dev.rosetta.exercises.threading;

/**
 * Classic mistake: a plain {@code count++}, "because an increment is one operation".
 * BROKEN: it is three (read, add, write); two threads can read the same value and both
 * write back value + 1. The JIT may even keep the count in a register for a whole loop.
 */
public class Counter {
    private int count;

    public void increment() {
        count = count + 1;
    }

    public int get() {
        return count;
    }
}
