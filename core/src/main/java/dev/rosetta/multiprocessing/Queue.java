package dev.rosetta.multiprocessing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A queue that several processes share: Python's {@code multiprocessing.Manager().Queue()}.
 *
 * <p>The items live in the process that created the queue, in an ordinary bounded
 * {@link BlockingQueue}; a small server on {@code 127.0.0.1} lends it out. The {@code Queue}
 * object itself is only a handle (address, port, secret token) and is serialisable, so it can
 * be sent to workers inside a task: there, {@link #put} and {@link #get} connect back to the
 * owner (once per process) and ask it. Items are pickled on the way in and read back through
 * the allow-list on the way out. This is how Python's manager proxies work, and why a
 * {@code put} costs a round trip.
 *
 * <pre>{@code
 * try (var results = Queue.<Integer>create(100); var pool = new Pool(2)) {
 *     pool.map(x -> { results.put(x * x); return x; }, items);      // workers put
 *     Integer first = results.get();                                  // the owner gets
 * }
 * }</pre>
 *
 * <p>Thread-safety: every method may be called from any thread of any process holding the
 * handle; calls of one process share one connection, one call at a time.
 *
 * @param <T> the items
 */
public final class Queue<T> implements Serializable, AutoCloseable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final byte PUT = 1;
    private static final byte GET = 2;
    private static final byte SIZE = 3;
    private static final byte OK = 0;
    private static final byte EMPTY = 1;
    /** One connection per queue per process: handles arriving in one worker share it. */
    private static final ConcurrentHashMap<String, Connection> CONNECTIONS = new ConcurrentHashMap<>();

    private final int port;
    private final String token;
    private final List<String> allow;
    private transient Owner owner;

    private Queue(int port, String token, List<String> allow, Owner owner) {
        this.port = port;
        this.token = token;
        this.allow = allow;
        this.owner = owner;
    }

    /**
     * A new queue holding at most {@code maxsize} items, owned by this process until {@link #close()}.
     *
     * @param allow extra allow-list patterns for the items' classes ({@link Pickle#allowList})
     */
    public static <T> Queue<T> create(int maxsize, String... allow) {
        if (maxsize < 1) {
            throw new IllegalArgumentException("maxsize must be at least 1, was " + maxsize);
        }
        String token = UUID.randomUUID().toString();
        var owner = new Owner(maxsize, token);
        return new Queue<>(owner.port(), token, List.of(allow), owner);
    }

    /** Adds an item, waiting while the queue is full: Python's {@code q.put(item)}. */
    public void put(T item) throws InterruptedException {
        byte[] bytes = Pickle.dumps(item);
        call(connection -> {
            connection.out.writeByte(PUT);
            connection.out.writeInt(bytes.length);
            connection.out.write(bytes);
            connection.out.flush();
            return connection.in.readByte();
        });
    }

    /** Takes the oldest item, waiting as long as it takes: Python's {@code q.get()}. */
    public T get() throws InterruptedException {
        return get(Duration.ofDays(365));
    }

    /**
     * Takes the oldest item, waiting at most {@code timeout}; null if there was none by then
     * (Python raises {@code queue.Empty}).
     */
    @SuppressWarnings("unchecked")
    public T get(Duration timeout) throws InterruptedException {
        byte[] bytes = call(connection -> {
            connection.out.writeByte(GET);
            connection.out.writeLong(timeout.toMillis());
            connection.out.flush();
            if (connection.in.readByte() == EMPTY) {
                return null;
            }
            byte[] item = new byte[connection.in.readInt()];
            connection.in.readFully(item);
            return item;
        });
        return bytes == null ? null : (T) Pickle.loads(bytes, filter());
    }

    /** How many items are waiting now: Python's {@code q.qsize()}. */
    public int qsize() throws InterruptedException {
        return call(connection -> {
            connection.out.writeByte(SIZE);
            connection.out.flush();
            return connection.in.readInt();
        });
    }

    private ObjectInputFilter filter() {
        return Pickle.allowList(allow);
    }

    @FunctionalInterface
    private interface Exchange<R> {
        R run(Connection connection) throws IOException;
    }

    private <R> R call(Exchange<R> exchange) throws InterruptedException {
        Connection connection = CONNECTIONS.computeIfAbsent(token, k -> Connection.open(port, token));
        synchronized (connection) {
            try {
                return exchange.run(connection);
            } catch (IOException e) {
                CONNECTIONS.remove(token, connection);
                connection.close();
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while talking to the queue's owner");
                }
                throw new UncheckedIOException("the queue's owner (port " + port + ") is gone: was the queue closed,"
                        + " or did the process that created it exit?", e);
            }
        }
    }

    /** Stops lending the queue out (the owner only); items still in it are dropped. */
    @Override
    public void close() {
        Connection mine = CONNECTIONS.remove(token);
        if (mine != null) {
            mine.close();
        }
        if (owner != null) {
            owner.close();
            owner = null;
        }
    }

    /** One process's connection to a queue's owner. */
    private record Connection(Socket socket, DataInputStream in, DataOutputStream out) {
        static Connection open(int port, String token) {
            try {
                var socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.setTcpNoDelay(true);
                var connection = new Connection(socket, new DataInputStream(socket.getInputStream()),
                        new DataOutputStream(socket.getOutputStream()));
                connection.out.writeUTF(token);
                connection.out.flush();
                return connection;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reach the queue's owner on 127.0.0.1:" + port, e);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /**
     * The owning side: the items and the server that lends them out. One virtual thread accepts
     * connections, one virtual thread per connection serves it (a blocked get blocks only it).
     */
    private static final class Owner {
        private final BlockingQueue<byte[]> items;
        private final String token;
        private final ServerSocket server;
        private final Thread acceptor;
        private final ConcurrentHashMap<Socket, Thread> clients = new ConcurrentHashMap<>();

        Owner(int maxsize, String token) {
            this.items = new ArrayBlockingQueue<>(maxsize);
            this.token = token;
            try {
                server = new ServerSocket();
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the queue's server on 127.0.0.1", e);
            }
            acceptor = Thread.ofVirtual().name("queue-owner-" + server.getLocalPort()).start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = server.accept();
                    clients.put(client, Thread.ofVirtual().name("queue-client").start(() -> serve(client)));
                }
            } catch (IOException closed) {
                // close() closed the server
            }
        }

        private void serve(Socket client) {
            try (client;
                 var in = new DataInputStream(client.getInputStream());
                 var out = new DataOutputStream(client.getOutputStream())) {
                if (!token.equals(in.readUTF())) {
                    return;
                }
                while (true) {
                    switch (in.readByte()) {
                        case PUT -> {
                            byte[] item = new byte[in.readInt()];
                            in.readFully(item);
                            items.put(item);
                            out.writeByte(OK);
                        }
                        case GET -> {
                            byte[] item = items.poll(in.readLong(), TimeUnit.MILLISECONDS);
                            if (item == null) {
                                out.writeByte(EMPTY);
                            } else {
                                out.writeByte(OK);
                                out.writeInt(item.length);
                                out.write(item);
                            }
                        }
                        case SIZE -> out.writeInt(items.size());
                        default -> {
                            return;
                        }
                    }
                    out.flush();
                }
            } catch (IOException | InterruptedException ended) {
                // the client left, or the queue was closed
            } finally {
                clients.remove(client);
            }
        }

        void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // already closed
            }
            clients.forEach((socket, thread) -> {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already closed
                }
                thread.interrupt();
            });
            try {
                acceptor.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
