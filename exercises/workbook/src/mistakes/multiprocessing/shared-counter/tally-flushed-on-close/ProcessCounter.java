package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.SharedMemory;

/**
 * Classic mistake: count in a field of this process and add the tally to the shared memory once,
 * atomically, at {@link #close()}, "one atomic add instead of millions".
 * BROKEN: the total comes out exact, but only once every process has closed its counter; until
 * then {@code get()} anywhere shows none of the increments still held in some process's field.
 * A shared counter is one number that every process sees change (Python's {@code Value}: after
 * {@code counter.value += 1}, every process reads the new value). Do the atomic add on each call.
 */
public final class ProcessCounter implements AutoCloseable {
    private final SharedMemory memory;
    private long tally;

    private ProcessCounter(SharedMemory memory) {
        this.memory = memory;
    }

    /** Creates the counter (8 bytes of shared memory, zero) under {@code name}. */
    public static ProcessCounter create(String name) {
        return new ProcessCounter(SharedMemory.create(name, 8));
    }

    /** Opens the counter {@code name} created by another process. */
    public static ProcessCounter attach(String name) {
        return new ProcessCounter(SharedMemory.attach(name));
    }

    /** Adds one. Called by several processes at the same time. */
    public void increment() {
        tally++;
    }

    /** The count. */
    public long get() {
        return memory.getLong(0);
    }

    /** Adds this process's tally, then unmaps this process's view. */
    @Override
    public void close() {
        memory.getAndAddLong(0, tally);
        tally = 0;
        memory.close();
    }

    /** Removes the counter's name (the creator, once, at the end). */
    public void unlink() {
        memory.unlink();
    }
}
