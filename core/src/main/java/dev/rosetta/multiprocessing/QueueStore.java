package dev.rosetta.multiprocessing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a {@link Queue}'s items live, in the process that created it: pickled items in order,
 * at most {@code maxsize}, and the count of unfinished tasks that {@link JoinableQueue} needs.
 * This is what Python's {@code queue.Queue} is inside a manager process: one lock and three
 * conditions ({@code not_empty}, {@code not_full}, {@code all_tasks_done}).
 *
 * <p>Every request, from this process or over a socket from another, is one call to
 * {@link #handle}: an operation, a timeout (negative: none), maybe an item; the answer is
 * {@link #OK} or {@link #NO} (empty, full, nothing by the timeout, {@code task_done} too often)
 * with a number or an item.
 *
 * <p>Thread-safety: every method may be called from any thread; the fields below are guarded by
 * {@code lock}. After {@link #close()} every call fails with an {@link IllegalStateException}
 * (Python's {@code ValueError: Queue is closed}), waiting ones included.
 */
final class QueueStore {
    static final byte PUT = 1;
    static final byte GET = 2;
    static final byte SIZE = 3;
    static final byte PEEK = 4;
    static final byte TASK_DONE = 5;
    static final byte JOIN = 6;
    static final byte OK = 0;
    static final byte NO = 1;

    /** A request as it crosses a socket. */
    record Request(byte op, long timeoutNanos, byte[] item) {
    }

    /** An answer: its status, a number ({@code qsize}) or an item ({@code get}). */
    record Reply(byte status, int number, byte[] item) {
        static final Reply YES = new Reply(OK, 0, null);
        static final Reply NOT = new Reply(NO, 0, null);
    }

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

    /** Runs one request. */
    Reply handle(byte op, long timeoutNanos, byte[] item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            return switch (op) {
                case PUT -> put(item, timeoutNanos);
                case GET -> get(timeoutNanos);
                case PEEK -> awaitWhile(notEmpty, items::isEmpty, timeoutNanos) ? Reply.YES : Reply.NOT;
                case SIZE -> new Reply(OK, items.size(), null);
                case TASK_DONE -> taskDone();
                case JOIN -> awaitWhile(allTasksDone, () -> unfinished > 0, timeoutNanos) ? Reply.YES : Reply.NOT;
                default -> throw new IllegalStateException("unknown queue operation " + op);
            };
        } finally {
            lock.unlock();
        }
    }

    private Reply put(byte[] item, long timeoutNanos) throws InterruptedException {
        if (!awaitWhile(notFull, () -> items.size() >= maxsize, timeoutNanos)) {
            return Reply.NOT;
        }
        items.addLast(item);
        unfinished++;
        notEmpty.signalAll(); // getters and peekers wait here: a peeker woken alone would leave the getter asleep
        return Reply.YES;
    }

    private Reply get(long timeoutNanos) throws InterruptedException {
        if (!awaitWhile(notEmpty, items::isEmpty, timeoutNanos)) {
            return Reply.NOT;
        }
        byte[] item = items.removeFirst();
        notFull.signal();
        return new Reply(OK, 0, item);
    }

    private Reply taskDone() {
        if (unfinished == 0) {
            return Reply.NOT;
        }
        if (--unfinished == 0) {
            allTasksDone.signalAll();
        }
        return Reply.YES;
    }

    /** Waits on {@code condition} while {@code blocked} holds, at most the timeout; false if still blocked. */
    private boolean awaitWhile(Condition condition, java.util.function.BooleanSupplier blocked, long timeoutNanos)
            throws InterruptedException {
        long left = timeoutNanos;
        while (!closed && blocked.getAsBoolean()) {
            if (timeoutNanos < 0) {
                condition.await();
            } else if (left <= 0) {
                return false;
            } else {
                left = condition.awaitNanos(left);
            }
        }
        if (closed) {
            throw new IllegalStateException("the queue is closed");
        }
        return true;
    }

    /** Fails every call, waiting ones too. */
    void close() {
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

    static void writeRequest(DataOutputStream out, byte op, long timeoutNanos, byte[] item) throws IOException {
        out.writeByte(op);
        out.writeLong(timeoutNanos);
        writeItem(out, item);
    }

    static Request readRequest(DataInputStream in) throws IOException {
        return new Request(in.readByte(), in.readLong(), readItem(in));
    }

    static void writeReply(DataOutputStream out, Reply reply) throws IOException {
        out.writeByte(reply.status());
        out.writeInt(reply.number());
        writeItem(out, reply.item());
    }

    static Reply readReply(DataInputStream in) throws IOException {
        return new Reply(in.readByte(), in.readInt(), readItem(in));
    }

    private static void writeItem(DataOutputStream out, byte[] item) throws IOException {
        out.writeInt(item == null ? -1 : item.length);
        if (item != null) {
            out.write(item);
        }
    }

    private static byte[] readItem(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] item = new byte[length];
        in.readFully(item);
        return item;
    }
}
