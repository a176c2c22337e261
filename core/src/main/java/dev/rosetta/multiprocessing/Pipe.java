package dev.rosetta.multiprocessing;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Python's {@code multiprocessing.Pipe()}: two connected ends; what one end sends, the other
 * receives, in order, in both directions.
 *
 * <pre>{@code
 * try (var pipe = Pipe.<String>create()) {                       // left, right = Pipe()
 *     var right = pipe.right();
 *     pool.applyAsync(x -> { right.send(right.recv() + " pong"); return x; }, 0);
 *     pipe.left().send("ping");                                   // left.send("ping")
 *     pipe.left().recv();                                         // "ping pong"
 * }
 * }</pre>
 *
 * <p>Python's ends wrap an OS pipe or socket pair between two processes. Ours are two
 * {@link Queue}s owned by the creating process, one per direction, so an end can be sent to
 * any worker inside a task; each message costs a round trip to the owner.
 *
 * <p>Thread-safety: as {@link Queue}.
 *
 * @param <T> the messages
 */
public final class Pipe<T> implements AutoCloseable {
    private final Queue<T> leftToRight;
    private final Queue<T> rightToLeft;

    private Pipe(Queue<T> leftToRight, Queue<T> rightToLeft) {
        this.leftToRight = leftToRight;
        this.rightToLeft = rightToLeft;
    }

    /** A new two-way pipe, each direction holding at most 1,000 messages in flight: {@code Pipe()}. */
    public static <T> Pipe<T> create(String... allow) {
        return create(true, allow);
    }

    /**
     * A new pipe: {@code Pipe(duplex)}. With {@code duplex} false it goes one way, as Python's
     * {@code r, w = Pipe(duplex=False)}: {@link #left()} can only receive, {@link #right()} can
     * only send, and the wrong call raises Python's {@code OSError: connection is read-only}
     * (or {@code write-only}), here an {@link UncheckedIOException}.
     */
    public static <T> Pipe<T> create(boolean duplex, String... allow) {
        return new Pipe<>(duplex ? Queue.create(1_000, allow) : null, Queue.create(1_000, allow));
    }

    /** One end (Python's first); send it to a worker inside a task, or keep it. */
    public Connection<T> left() {
        return new Connection<>(leftToRight, rightToLeft);
    }

    /** The other end (Python's second). */
    public Connection<T> right() {
        return new Connection<>(rightToLeft, leftToRight);
    }

    /** Closes both directions (the owner only). */
    @Override
    public void close() {
        if (leftToRight != null) {
            leftToRight.close();
        }
        rightToLeft.close();
    }

    /**
     * One end of a pipe: Python's {@code Connection}, with {@code send}, {@code recv} and
     * {@code poll}.
     *
     * @param outbox where {@link #send} puts; null for the receiving end of a one-way pipe
     * @param inbox  where {@link #recv} takes from; null for the sending end of a one-way pipe
     */
    public record Connection<T>(Queue<T> outbox, Queue<T> inbox) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        /** Sends a message to the other end: {@code conn.send(obj)}. */
        public void send(T message) throws InterruptedException {
            if (outbox == null) {
                throw new UncheckedIOException(new IOException("connection is read-only"));
            }
            outbox.put(message);
        }

        /** The next message from the other end; waits for it: {@code conn.recv()}. */
        public T recv() throws InterruptedException {
            return readable().get();
        }

        /** Whether a message is waiting now, without taking it: {@code conn.poll()}. */
        public boolean poll() throws InterruptedException {
            return poll(Duration.ZERO);
        }

        /**
         * Waits at most {@code timeout} for a message and says whether one is there, without
         * taking it: {@code conn.poll(timeout)}. The next {@link #recv()} returns it at once.
         */
        public boolean poll(Duration timeout) throws InterruptedException {
            return readable().awaitItem(timeout);
        }

        private Queue<T> readable() {
            if (inbox == null) {
                throw new UncheckedIOException(new IOException("connection is write-only"));
            }
            return inbox;
        }
    }
}
