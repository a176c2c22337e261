package dev.rosetta.multiprocessing;

import java.io.Serial;
import java.io.Serializable;

/**
 * Python's {@code multiprocessing.SimpleQueue}: only {@link #put}, {@link #get}, {@link #empty}
 * and {@link #close} — no size limit, no timeouts, no {@code qsize}. The smallest thing that
 * carries items between processes; an unbounded {@link Queue} underneath.
 *
 * <p>Thread-safety: as {@link Queue}.
 *
 * @param <T> the items
 */
public final class SimpleQueue<T> implements Serializable, AutoCloseable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final Queue<T> queue;

    private SimpleQueue(Queue<T> queue) {
        this.queue = queue;
    }

    /** A new simple queue, owned by this process until {@link #close()}: {@code SimpleQueue()}. */
    public static <T> SimpleQueue<T> create(String... allow) {
        return new SimpleQueue<>(Queue.create(Integer.MAX_VALUE, allow));
    }

    /** Adds an item: {@code q.put(item)}. */
    public void put(T item) throws InterruptedException {
        queue.put(item);
    }

    /** Takes the oldest item, waiting for one: {@code q.get()}. */
    public T get() throws InterruptedException {
        return queue.get();
    }

    /** Whether no item is waiting now: {@code q.empty()}. */
    public boolean empty() throws InterruptedException {
        return queue.empty();
    }

    /** Stops lending it out (the owner): {@code q.close()}. */
    @Override
    public void close() {
        queue.close();
    }
}
