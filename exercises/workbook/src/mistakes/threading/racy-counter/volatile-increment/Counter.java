package dev.rosetta.exercises.threading;

/**
 * Classic mistake: {@code volatile} plus {@code count++}, "because volatile makes it thread-safe".
 * BROKEN: volatile makes each read and each write visible to other threads, but the
 * read-add-write is still three steps that other threads can interleave with.
 */
public class Counter {
    private volatile int count;

    public void increment() {
        count++;
    }

    public int get() {
        return count;
    }
}
