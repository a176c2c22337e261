package dev.rosetta.multiprocessing;

import java.io.Serial;

/**
 * Python's {@code multiprocessing.JoinableQueue}: a {@link Queue} that also counts unfinished
 * tasks. Every {@code put} adds one; a consumer calls {@link #taskDone()} when it has finished
 * with an item it got; {@link #join()} waits until the count is back to zero.
 *
 * <pre>{@code
 * try (var tasks = JoinableQueue.<Integer>create()) {     // tasks = JoinableQueue()
 *     // consumers, in any process:  x = tasks.get(); work(x); tasks.taskDone();
 *     tasks.put(1); tasks.put(2);
 *     tasks.join();                                       // every item got *and* finished
 * }
 * }</pre>
 *
 * <p>{@code taskDone()} called more often than items were put raises Python's
 * {@code ValueError: task_done() called too many times}, here an {@link IllegalStateException}
 * with the same words. The count lives with the items in the owning process, so a
 * {@code taskDone()} from any process counts.
 *
 * <p>Thread-safety: as {@link Queue}.
 *
 * @param <T> the items
 */
public final class JoinableQueue<T> extends Queue<T> {
    @Serial
    private static final long serialVersionUID = 1L;

    private JoinableQueue(Queue<T> created) {
        super(created);
    }

    /** A new joinable queue of at most {@code maxsize} items: {@code JoinableQueue(maxsize)}. */
    public static <T> JoinableQueue<T> create(int maxsize, String... allow) {
        return new JoinableQueue<>(Queue.<T>create(maxsize, allow));
    }

    /** A new joinable queue without a size limit: {@code JoinableQueue()}. */
    public static <T> JoinableQueue<T> create() {
        return create(Integer.MAX_VALUE);
    }

    /**
     * Says that an item got earlier is finished: {@code q.task_done()}.
     *
     * @throws IllegalStateException if every item put was already marked done
     *                               (Python: {@code ValueError: task_done() called too many times})
     */
    public void taskDone() throws InterruptedException {
        if (!markTaskDone()) {
            throw new IllegalStateException("task_done() called too many times");
        }
    }

    /** Waits until every item put has been marked done: {@code q.join()}. */
    public void join() throws InterruptedException {
        joinAll();
    }
}
