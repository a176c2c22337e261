package dev.rosetta.multiprocessing;

import java.io.Serial;
import java.io.Serializable;
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

    /** A new pipe, each direction holding at most 1,000 messages in flight. */
    public static <T> Pipe<T> create(String... allow) {
        return new Pipe<>(Queue.create(1_000, allow), Queue.create(1_000, allow));
    }

    /** One end; send it to a worker inside a task, or keep it. */
    public Connection<T> left() {
        return new Connection<>(leftToRight, rightToLeft);
    }

    /** The other end. */
    public Connection<T> right() {
        return new Connection<>(rightToLeft, leftToRight);
    }

    /** Closes both directions (the owner only). */
    @Override
    public void close() {
        leftToRight.close();
        rightToLeft.close();
    }

    /**
     * One end of a pipe: Python's {@code Connection}, with {@code send} and {@code recv}.
     *
     * @param outbox where {@link #send} puts
     * @param inbox  where {@link #recv} takes from
     */
    public record Connection<T>(Queue<T> outbox, Queue<T> inbox) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        /** Sends a message to the other end. */
        public void send(T message) throws InterruptedException {
            outbox.put(message);
        }

        /** The next message from the other end; waits for it. */
        public T recv() throws InterruptedException {
            return inbox.get();
        }

        /** The next message, or null if none came within {@code timeout} (Python: {@code poll(timeout)} first). */
        public T recv(Duration timeout) throws InterruptedException {
            try {
                return inbox.get(timeout);
            } catch (Queue.Empty none) {
                return null;
            }
        }
    }
}
