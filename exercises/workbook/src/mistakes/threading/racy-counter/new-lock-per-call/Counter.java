package dev.rosetta.exercises.threading;

/**
 * Classic mistake: a lock, but a new one on every call.
 * BROKEN: a lock only excludes threads that take the same lock. Each call locks an object
 * nobody else can see, so nothing is excluded (the JIT even removes the lock entirely).
 */
public class Counter {
    private int count;

    public void increment() {
        synchronized (new Object()) {
            count++;
        }
    }

    public int get() {
        return count;
    }
}
