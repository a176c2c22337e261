package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.SharedMemory;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Classic mistake: an atomic add through a {@code VarHandle} on {@code JAVA_INT}, "an int is
 * plenty for a counter".
 * BROKEN: the add is atomic, so no increment is lost between processes — but it adds to the low
 * four bytes of the eight-byte counter. Past 4,294,967,295 the low half wraps to zero and the
 * carry never reaches the high half: the count jumps back by 2^32. Python's {@code Value("q")}
 * is a 64-bit number; add to all eight bytes ({@code getAndAddLong}).
 */
public final class ProcessCounter implements AutoCloseable {
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private final SharedMemory memory;

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
        INT.getAndAdd(memory.buf(), 0L, 1);
    }

    /** The count. */
    public long get() {
        return memory.getLong(0);
    }

    /** Unmaps this process's view. */
    @Override
    public void close() {
        memory.close();
    }

    /** Removes the counter's name (the creator, once, at the end). */
    public void unlink() {
        memory.unlink();
    }
}
