package dev.rosetta.multiprocessing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Objects that live in this process and are lent to others: the server half of Python's
 * {@code multiprocessing.managers}. A {@link Queue} lends its store through one; a
 * {@link Manager} lends its dicts, lists, locks and events through another.
 *
 * <p>A lender listens on {@code 127.0.0.1} (an ephemeral port) and serves every connection
 * that first sends its secret token, on a virtual thread of its own; a request names an object,
 * an operation, a timeout and maybe a payload, and gets one {@link Reply}. What other processes
 * hold is an {@link Address} (port and token, serialisable) and the object's number. In this
 * process an {@code Address} calls the object directly, without a socket.
 *
 * <p>Thread-safety: every method may be called from any thread; a lent object must be
 * thread-safe itself (each connection is served on its own thread).
 */
final class Lender implements AutoCloseable {
    /** Lenders open in this process, by token: an address here calls them directly. */
    private static final ConcurrentHashMap<String, Lender> LOCAL = new ConcurrentHashMap<>();

    /** Something lent: one request in, one reply out. */
    interface Lent {
        /** Serves one request; {@code caller} names the calling thread of the calling process. */
        Reply handle(byte op, long timeoutNanos, byte[] payload, long caller) throws InterruptedException;

        /** The lender is closing: fail whoever waits. */
        default void close() {
        }
    }

    /** An answer: a status, a number and maybe a payload. */
    record Reply(byte status, long number, byte[] payload) {
    }

    private final String token = UUID.randomUUID().toString();
    private final ServerSocket server;
    private final Thread acceptor;
    private final ConcurrentHashMap<Integer, Lent> objects = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ConcurrentHashMap<Socket, Thread> clients = new ConcurrentHashMap<>();

    /** Opens a lender on 127.0.0.1, serving until {@link #close()}. */
    Lender() {
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a server on 127.0.0.1 to share objects with other processes", e);
        }
        LOCAL.put(token, this);
        acceptor = Thread.ofVirtual().name("lender-" + server.getLocalPort()).start(this::accept);
    }

    /** Lends {@code object}; returns its number. */
    int lend(Lent object) {
        int id = ids.incrementAndGet();
        objects.put(id, object);
        return id;
    }

    /** Where other processes find this lender. */
    Address address() {
        return new Address(server.getLocalPort(), token);
    }

    private Reply handle(int object, byte op, long timeoutNanos, byte[] payload, long caller) throws InterruptedException {
        Lent lent = objects.get(object);
        if (lent == null) {
            throw new IllegalStateException("the shared object is gone: its owner closed it");
        }
        return lent.handle(op, timeoutNanos, payload, caller);
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                clients.put(client, Thread.ofVirtual().name("lender-client").start(() -> serve(client)));
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
                int object = in.readInt();
                byte op = in.readByte();
                long timeoutNanos = in.readLong();
                long caller = in.readLong();
                byte[] payload = Wire.readBytes(in);
                Reply reply = handle(object, op, timeoutNanos, payload, caller);
                out.writeByte(reply.status());
                out.writeLong(reply.number());
                Wire.writeBytes(out, reply.payload());
                out.flush();
            }
        } catch (IOException | InterruptedException | IllegalStateException ended) {
            // the client left, or the lender was closed
        } finally {
            clients.remove(client);
        }
    }

    /** Stops lending: every lent object is closed, every connection dropped. */
    @Override
    public void close() {
        LOCAL.remove(token);
        objects.values().forEach(Lent::close);
        objects.clear();
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

    /** Names the calling thread of this process, for objects that care who holds them (an RLock). */
    static long caller() {
        return ProcessHandle.current().pid() << 40 | (Thread.currentThread().threadId() & ((1L << 40) - 1));
    }

    /**
     * Where a lender listens: what a handle carries to other processes. Each call from another
     * process borrows an idle connection of this process (or opens one) and gives it back after,
     * so that a thread waiting for an answer never holds up another thread's call.
     */
    record Address(int port, String token) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        /** Idle connections of this process, per lender token. */
        private static final ConcurrentHashMap<String, ConcurrentLinkedQueue<Connection>> IDLE = new ConcurrentHashMap<>();

        /** One request to object {@code object}: directly in the lending process, over a borrowed connection elsewhere. */
        Reply call(int object, byte op, long timeoutNanos, byte[] payload) throws InterruptedException {
            Lender local = LOCAL.get(token);
            if (local != null) {
                return local.handle(object, op, timeoutNanos, payload, caller());
            }
            var idle = IDLE.computeIfAbsent(token, k -> new ConcurrentLinkedQueue<>());
            Connection connection = idle.poll();
            if (connection == null) {
                connection = Connection.open(port, token);
            }
            try {
                Reply reply = connection.call(object, op, timeoutNanos, payload);
                idle.add(connection);
                return reply;
            } catch (IOException e) {
                connection.close();
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while talking to the owner of a shared object");
                }
                throw new UncheckedIOException("the owner of the shared object (port " + port + ") is gone: was it"
                        + " closed, or did the process that created it exit?", e);
            }
        }

        /** Drops this process's idle connections to the lender. */
        void forget() {
            var idle = IDLE.remove(token);
            if (idle != null) {
                idle.forEach(Connection::close);
            }
        }

        /** Closes the lender, if this process is the one lending. */
        void closeIfLocal() {
            forget();
            Lender local = LOCAL.get(token);
            if (local != null) {
                local.close();
            }
        }
    }

    /** One connection of this process to a lender; one call at a time. */
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
                throw new UncheckedIOException("cannot reach the owner of a shared object on 127.0.0.1:" + port, e);
            }
        }

        Reply call(int object, byte op, long timeoutNanos, byte[] payload) throws IOException {
            out.writeInt(object);
            out.writeByte(op);
            out.writeLong(timeoutNanos);
            out.writeLong(caller());
            Wire.writeBytes(out, payload);
            out.flush();
            return new Reply(in.readByte(), in.readLong(), Wire.readBytes(in));
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
