package dev.rosetta.multiprocessing;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a {@link Queue}'s items live, in the process that created it: pickled items in order,
 * at most {@code maxsize}, and the count of unfinished tasks that {@link JoinableQueue} needs.
 * This is what Python's {@code queue.Queue} is inside a manager process: one lock and three
 * conditions ({@code not_empty}, {@code not_full}, {@code all_tasks_done}).
 *
 * <p>Every request, from this process or over a socket from another (a {@link Lender} lends
 * the store), is one call to {@link #handle}: an operation, a timeout (negative: none), maybe an item; the answer is
 * {@link #OK} or {@link #NO} (empty, full, nothing by the timeout, {@code task_done} too often)
 * with a number or an item.
 *
 * <p>Thread-safety: every method may be called from any thread; the fields below are guarded by
 * {@code lock}. After {@link #close()} every call fails with an {@link IllegalStateException}
 * (Python's {@code ValueError: Queue is closed}), waiting ones included.
 */
final class QueueStore implements Lender.Lent {
    static final byte PUT = 1;
    static final byte GET = 2;
    static final byte SIZE = 3;
    static final byte PEEK = 4;
    static final byte TASK_DONE = 5;
    static final byte JOIN = 6;
    static final byte OK = 0;
    static final byte NO = 1;

    private static final Lender.Reply YES = new Lender.Reply(OK, 0, null);
    private static final Lender.Reply NOT = new Lender.Reply(NO, 0, null);

    private final int maxsize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allTasksDone = lock.newCondition();
    // @GuardedBy("lock")
    private final ArrayDeque<byte[]> items = new ArrayDeque<>();
    // @GuardedBy("lock") — put and not yet task_done
    private long unfinished;
    // @GuardedBy("lock")
    private boolean closed;

    QueueStore(int maxsize) {
        this.maxsize = maxsize;
    }

    /** Runs one request ({@code caller} does not matter to a queue). */
    @Override
    public Lender.Reply handle(byte op, long timeoutNanos, byte[] item, long caller) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            return switch (op) {
                case PUT -> put(item, timeoutNanos);
                case GET -> get(timeoutNanos);
                case PEEK -> awaitWhile(notEmpty, items::isEmpty, timeoutNanos) ? YES : NOT;
                case SIZE -> new Lender.Reply(OK, items.size(), null);
                case TASK_DONE -> taskDone();
                case JOIN -> awaitWhile(allTasksDone, () -> unfinished > 0, timeoutNanos) ? YES : NOT;
                default -> throw new IllegalStateException("unknown queue operation " + op);
            };
        } finally {
            lock.unlock();
        }
    }

    private Lender.Reply put(byte[] item, long timeoutNanos) throws InterruptedException {
        if (!awaitWhile(notFull, () -> items.size() >= maxsize, timeoutNanos)) {
            return NOT;
        }
        items.addLast(item);
        unfinished++;
        notEmpty.signalAll(); // getters and peekers wait here: a peeker woken alone would leave the getter asleep
        return YES;
    }

    private Lender.Reply get(long timeoutNanos) throws InterruptedException {
        if (!awaitWhile(notEmpty, items::isEmpty, timeoutNanos)) {
            return NOT;
        }
        byte[] item = items.removeFirst();
        notFull.signal();
        return new Lender.Reply(OK, 0, item);
    }

    private Lender.Reply taskDone() {
        if (unfinished == 0) {
            return NOT;
        }
        if (--unfinished == 0) {
            allTasksDone.signalAll();
        }
        return YES;
    }

    /** Waits while {@code blocked} holds and the store is open; false if the time ran out first. */
    private boolean awaitWhile(Condition condition, java.util.function.BooleanSupplier blocked, long timeoutNanos)
            throws InterruptedException {
        boolean ready = Conditions.awaitWhile(condition, () -> !closed && blocked.getAsBoolean(), timeoutNanos);
        if (closed) {
            throw new IllegalStateException("the queue is closed");
        }
        return ready;
    }

    /** Fails every call, waiting ones too. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            items.clear();
            notEmpty.signalAll();
            notFull.signalAll();
            allTasksDone.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
