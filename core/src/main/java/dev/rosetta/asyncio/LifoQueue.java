package dev.rosetta.asyncio;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * Python's {@code asyncio.LifoQueue}: a {@link Queue} whose {@link #get()} takes the item put
 * last (a stack), with the same waits, {@code maxsize}, {@code taskDone} and {@code join}.
 *
 * <p>The JDK has no blocking stack class; {@link java.util.concurrent.LinkedBlockingDeque} used with
 * {@code putFirst}/{@code takeFirst} is the thread twin. Here the storage is
 * {@link Collections#asLifoQueue} over an {@link ArrayDeque}: a queue view of a stack.
 *
 * <p>Thread-safety: loop-only, like {@link Queue}.
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {
    /** An unbounded stack. */
    public LifoQueue() {
        this(0);
    }

    /** A stack of at most {@code maxsize} items ({@code 0}: unbounded). */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }
}
