package dev.rosetta.multiprocessing;

import java.io.ObjectInputFilter;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * A queue that several processes share: Python's {@code multiprocessing.Queue} (as its
 * {@code Manager().Queue()} builds it).
 *
 * <p>The items live in the process that created the queue ({@link QueueStore}); a small server
 * on {@code 127.0.0.1} lends them out ({@link Lender}). The {@code Queue} object itself is only a handle (port,
 * secret token) and is serialisable, so it can be sent to workers inside a task: there, every
 * call connects back to the owner and asks it. Items are pickled on the way in and read back
 * through the allow-list on the way out, so an item put and then changed is not changed in
 * the queue — as in Python. This is how Python's manager proxies work, and why a {@code put}
 * from a worker costs a round trip. In the owning process a handle calls the store directly.
 *
 * <pre>{@code
 * try (var results = Queue.<Integer>create(100); var pool = new Pool(2)) {
 *     pool.map(x -> { results.put(x * x); return x; }, items);      // workers put
 *     Integer first = results.get();                                  // the owner gets
 *     results.get(Duration.ofMillis(10));                             // q.get(timeout=0.01): Queue.Empty when none came
 * }
 * }</pre>
 *
 * <p><b>As CPython</b> (checked against 3.11, {@code QueueTest}): {@code get(timeout)} and
 * {@link #getNowait()} raise {@link Empty} ({@code queue.Empty}), {@code put(item, timeout)}
 * and {@link #putNowait} raise {@link Full} ({@code queue.Full}); {@link #empty()},
 * {@link #full()} and {@link #qsize()} are snapshots, true when asked and maybe not after.
 *
 * <p>Thread-safety: every method may be called from any thread of any process holding the
 * handle. Each call from another process borrows a connection of its own (idle ones are kept
 * for the next call), so a thread waiting in {@code get} does not hold up a {@code put} from
 * another thread of the same process.
 *
 * @param <T> the items
 */
public sealed class Queue<T> implements Serializable, AutoCloseable permits JoinableQueue {
    @Serial
    private static final long serialVersionUID = 2L;
    /** The timeout meaning "wait as long as it takes". */
    private static final long FOREVER = -1;

    private final Lender.Address owner;
    private final int store;
    private final List<String> allow;
    private final int maxsize;

    Queue(Queue<?> created) {
        this(created.owner, created.store, created.allow, created.maxsize);
    }

    private Queue(Lender.Address owner, int store, List<String> allow, int maxsize) {
        this.owner = owner;
        this.store = store;
        this.allow = allow;
        this.maxsize = maxsize;
    }

    /**
     * A new queue holding at most {@code maxsize} items, owned by this process until {@link #close()}:
     * {@code Queue(maxsize)}.
     *
     * @param allow extra allow-list patterns for the items' classes ({@link Pickle#allowList})
     * @throws IllegalArgumentException if {@code maxsize} is below 1 (for no limit, {@link #create()})
     */
    public static <T> Queue<T> create(int maxsize, String... allow) {
        if (maxsize < 1) {
            throw new IllegalArgumentException("maxsize must be at least 1, was " + maxsize);
        }
        var lender = new Lender();
        return new Queue<>(lender.address(), lender.lend(new QueueStore(maxsize)), List.of(allow), maxsize);
    }

    /** A new queue without a size limit: Python's {@code Queue()}. */
    public static <T> Queue<T> create() {
        return create(Integer.MAX_VALUE);
    }

    /** The most items it holds at once ({@link Integer#MAX_VALUE}: no limit). */
    public int maxsize() {
        return maxsize;
    }

    /** Adds an item, waiting while the queue is full: Python's {@code q.put(item)}. */
    public void put(T item) throws InterruptedException {
        put(item, FOREVER);
    }

    /**
     * Adds an item, waiting at most {@code timeout} for room: {@code q.put(item, timeout=t)}.
     *
     * @throws Full if it was still full when the time was up
     */
    public void put(T item, Duration timeout) throws InterruptedException {
        put(item, nanos(timeout));
    }

    /**
     * Adds an item only if there is room now: {@code q.put_nowait(item)}.
     *
     * @throws Full if the queue is full
     */
    public void putNowait(T item) throws InterruptedException {
        put(item, 0);
    }

    private void put(T item, long timeoutNanos) throws InterruptedException {
        if (call(QueueStore.PUT, timeoutNanos, Pickle.dumps(item)).status() != QueueStore.OK) {
            throw new Full("the queue is full (maxsize " + maxsize + ")" + waited(timeoutNanos));
        }
    }

    /** Takes the oldest item, waiting as long as it takes: Python's {@code q.get()}. */
    public T get() throws InterruptedException {
        return get(FOREVER);
    }

    /**
     * Takes the oldest item, waiting at most {@code timeout}: {@code q.get(timeout=t)}.
     *
     * @throws Empty if none came by then (Python raises {@code queue.Empty}; it never returns None for it)
     */
    public T get(Duration timeout) throws InterruptedException {
        return get(nanos(timeout));
    }

    /**
     * Takes the oldest item if there is one now: {@code q.get_nowait()}.
     *
     * @throws Empty if the queue is empty
     */
    public T getNowait() throws InterruptedException {
        return get(0);
    }

    @SuppressWarnings("unchecked")
    private T get(long timeoutNanos) throws InterruptedException {
        Lender.Reply reply = call(QueueStore.GET, timeoutNanos, null);
        if (reply.status() != QueueStore.OK) {
            throw new Empty("the queue is empty" + waited(timeoutNanos));
        }
        return (T) Pickle.loads(reply.payload(), filter());
    }

    /**
     * Waits until an item is there, at most {@code timeout}, without taking it; whether one is.
     * What {@link Pipe.Connection#poll} is built on.
     */
    boolean awaitItem(Duration timeout) throws InterruptedException {
        return call(QueueStore.PEEK, nanos(timeout), null).status() == QueueStore.OK;
    }

    /** How many items are waiting now: Python's {@code q.qsize()}. */
    public int qsize() throws InterruptedException {
        return (int) call(QueueStore.SIZE, 0, null).number();
    }

    /** Whether no item is waiting now: {@code q.empty()}. A snapshot: another process may put the next instant. */
    public boolean empty() throws InterruptedException {
        return qsize() == 0;
    }

    /** Whether it holds {@link #maxsize()} items now: {@code q.full()}. A snapshot too. */
    public boolean full() throws InterruptedException {
        return qsize() >= maxsize;
    }

    /** For {@link JoinableQueue#taskDone()}: false if called more often than items were put. */
    boolean markTaskDone() throws InterruptedException {
        return call(QueueStore.TASK_DONE, 0, null).status() == QueueStore.OK;
    }

    /** For {@link JoinableQueue#join()}. */
    void joinAll() throws InterruptedException {
        call(QueueStore.JOIN, FOREVER, null);
    }

    private static long nanos(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("'timeout' must be a non-negative number, was " + timeout);
        }
        return timeout.toNanos();
    }

    private static String waited(long timeoutNanos) {
        return timeoutNanos > 0 ? " after waiting " + Duration.ofNanos(timeoutNanos).toMillis() + " ms" : "";
    }

    private ObjectInputFilter filter() {
        return Pickle.allowList(allow);
    }

    private Lender.Reply call(byte op, long timeoutNanos, byte[] item) throws InterruptedException {
        return owner.call(store, op, timeoutNanos, item);
    }

    /**
     * Stops lending the queue out (in the owning process; elsewhere it only drops this process's
     * connections). Items still in it are dropped; a call still waiting on it fails.
     */
    @Override
    public void close() {
        owner.closeIfLocal();
    }

    /**
     * Python's {@code queue.Empty}: {@code get} with a timeout, or {@code get_nowait}, found no item.
     * Unchecked, as Python's exceptions are: catch it where an empty queue is expected.
     */
    public static final class Empty extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        /** An Empty saying how long it waited. */
        public Empty(String message) {
            super(message);
        }
    }

    /** Python's {@code queue.Full}: {@code put} with a timeout, or {@code put_nowait}, found no room. */
    public static final class Full extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        /** A Full saying the size and how long it waited. */
        public Full(String message) {
            super(message);
        }
    }
}
