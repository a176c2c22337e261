package dev.rosetta.ray;

import dev.rosetta.multiprocessing.PicklableRunnable;
import dev.rosetta.multiprocessing.Pickle;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One process's share of the object store, and the server other processes fetch from: Ray's
 * per-node object store and object manager, in miniature. The driver has one per cluster; each
 * worker has one per process, started by the pool's initializer ({@link Join}).
 *
 * <p><b>Small inline, large in place.</b> A task's result of at most {@link #INLINE_MAX} bytes
 * (Ray's {@code max_direct_call_object_size}, 100 KiB) travels back with the answer, as before.
 * A larger one stays here, serialised once, and the answer carries only a {@link Stored} — where
 * it is. A task that takes it as an argument fetches the bytes from here itself: worker to worker,
 * never through the driver.
 *
 * <p><b>Security.</b> The server listens on {@code 127.0.0.1} only, on an ephemeral port, and
 * every connection first passes {@link Challenge} under the cluster's secret token, made at
 * {@code init} and handed to each worker over its standard input with the pool's initializer
 * (never on a command line, which any user of the machine can read with {@code ps}). A
 * connection that fails is refused, logged on standard error and counted ({@link #refused()}).
 * What is read back goes through the cluster's allow-list of classes.
 *
 * <p>Requests after the challenge: {@code GET id} (answered with a 4-byte length, -1 if the
 * object is not here, then the bytes) and {@code FREE id} (no answer). The bytes go out in one
 * write of the kept array and are read with {@code readFully} into an array of exactly their
 * length, through 4 MiB socket buffers: no serialisation, no growing buffer, and the HMAC covers
 * only the challenge when the connection opens, never the payload.
 *
 * <p>Thread-safety: every method may be called from any thread; each connection is served on a
 * virtual thread of its own, and each fetch borrows an idle connection (or opens one).
 */
final class Node implements AutoCloseable {
    /** Ray's {@code max_direct_call_object_size}: a value of at most this many bytes travels inline. */
    static final int INLINE_MAX = 100 * 1024;
    private static final byte GET = 1;
    private static final byte FREE = 2;
    /** A client that has not answered the challenge after this long is refused. */
    private static final int CHALLENGE_TIMEOUT_MS = 10_000;
    /** The kernel's socket buffers asked for on both ends: 4 MiB, so that a large value streams in big pieces. */
    private static final int SOCKET_BUFFER = 4 << 20;
    private static volatile Node inThisWorker;

    /**
     * Where a large value is: what crosses instead of the value. Only its own cluster can fetch it.
     *
     * @param cluster the cluster's number (a node of another cluster refuses it before connecting)
     * @param port    the holder's object server
     * @param pid     the holder process
     * @param id      the object's number in the holder's store
     * @param size    its size in bytes, serialised
     * @param raw     the value is a {@code byte[]} kept as it is, without serialisation (an
     *                out-of-band buffer, as pickle protocol 5 lets Ray keep a NumPy array's bytes)
     */
    record Stored(long cluster, int port, long pid, long id, long size, boolean raw) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        /** {@code object 3 (104857627 bytes) at 127.0.0.1:40123 (pid 812)}. */
        @Override
        public String toString() {
            return "object " + id + " (" + size + " bytes) at 127.0.0.1:" + port + " (pid " + pid + ")";
        }
    }

    /**
     * The pool initializer that makes a worker a node of the cluster. It travels to the worker
     * over the worker's standard input, like every task, so the token never appears on a
     * command line or in the environment.
     */
    record Join(long cluster, byte[] token, List<String> allow) implements PicklableRunnable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public void run() {
            if (inThisWorker == null) {
                inThisWorker = new Node(cluster, token, Pickle.allowList(allow));
            }
        }
    }

    final long cluster;
    private final byte[] token;
    private final ObjectInputFilter filter;
    private final long pid = ProcessHandle.current().pid();
    private final ServerSocket server;
    private final Thread acceptor;
    private final ConcurrentHashMap<Long, byte[]> objects = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Idle client connections to other nodes, by port. */
    private final ConcurrentHashMap<Integer, ConcurrentLinkedQueue<Connection>> idle = new ConcurrentHashMap<>();
    private final Set<Socket> served = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicLong bytesFetched = new AtomicLong();

    /** Opens the object server on 127.0.0.1 (an ephemeral port); serves until {@link #close()}. */
    Node(long cluster, byte[] token, ObjectInputFilter filter) {
        this.cluster = cluster;
        this.token = token.clone();
        this.filter = filter;
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the object server on 127.0.0.1", e);
        }
        acceptor = Thread.ofVirtual().name("ray-node-" + server.getLocalPort()).start(this::accept);
    }

    /** This worker process's node; set by {@link Join}. */
    static Node inThisWorker() {
        Node node = inThisWorker;
        if (node == null) {
            throw new IllegalStateException("this process is not a worker of a Ray cluster (no node was started in it)");
        }
        return node;
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many connections were refused for failing the token challenge. */
    int refused() {
        return refused.get();
    }

    /** How many bytes this node fetched from other nodes. */
    long bytesFetched() {
        return bytesFetched.get();
    }

    /** How many values are kept here now. */
    int objectsKept() {
        return objects.size();
    }

    // ---- the store --------------------------------------------------------------------------

    /**
     * {@code value} itself when it is small enough to travel inline, else where it is now kept here.
     * A large {@code byte[]} is kept as it is, not copied: a task's result is handed over to the
     * store (Ray copies it into shared memory; we spare the 100 MB copy). A task that keeps the
     * array it returned and writes to it later changes the stored value: return a fresh array.
     */
    Object keep(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof Character
                || value instanceof String s && s.length() <= INLINE_MAX / 4) {
            return value;
        }
        if (value instanceof byte[] array) {
            return array.length <= INLINE_MAX ? value : store(array, true); // handed over as it is: no copy
        }
        byte[] bytes = Pickle.dumps(value);
        return bytes.length <= INLINE_MAX ? value : store(bytes, false);
    }

    /** Keeps {@code bytes} here (a serialised value, or a {@code byte[]} value itself if {@code raw}) and says where. */
    Stored store(byte[] bytes, boolean raw) {
        long id = ids.incrementAndGet();
        objects.put(id, bytes);
        return new Stored(cluster, port(), pid, id, bytes.length, raw);
    }

    /**
     * The value at {@code stored}, read here or fetched from its node, through the allow-list. A
     * raw {@code byte[]} needs no reading: fetched, the received array is the value; kept here, the
     * caller gets a copy, so that nobody can change what the store keeps.
     */
    Object fetch(Stored stored) {
        byte[] bytes = fetchBytes(stored);
        if (!stored.raw()) {
            return Pickle.loads(bytes, filter);
        }
        return isHere(stored) ? bytes.clone() : bytes;
    }

    private boolean isHere(Stored stored) {
        return stored.port() == port() && stored.pid() == pid;
    }

    /**
     * The serialised value at {@code stored}.
     *
     * @throws ObjectLostError its node is gone or no longer has it
     * @throws IllegalArgumentException it belongs to another cluster
     */
    byte[] fetchBytes(Stored stored) {
        if (stored.cluster() != cluster) {
            throw new IllegalArgumentException(stored + " belongs to Ray cluster " + stored.cluster()
                    + ", not to cluster " + cluster + ": an object is fetched only within the cluster that made it");
        }
        if (isHere(stored)) {
            byte[] bytes = objects.get(stored.id());
            if (bytes == null) {
                throw lost(stored, "it was freed", null);
            }
            return bytes;
        }
        var connections = idle.computeIfAbsent(stored.port(), k -> new ConcurrentLinkedQueue<>());
        Connection connection = connections.poll();
        try {
            if (connection == null) {
                connection = Connection.open(stored.port(), token);
            }
            byte[] bytes = connection.get(stored.id());
            connections.add(connection);
            bytesFetched.addAndGet(bytes == null ? 0 : bytes.length);
            if (bytes == null) {
                throw lost(stored, "that node no longer has it (a worker that replaced a dead one?)", null);
            }
            return bytes;
        } catch (IOException | AuthenticationError unreachable) {
            if (connection != null) {
                connection.close();
            }
            // no cause attached: a java.net exception is not on the allow-list, and this error must cross back whole
            throw lost(stored, "its node cannot be reached (" + unreachable + "): the process died", null);
        }
    }

    private static ObjectLostError lost(Stored stored, String why, Throwable cause) {
        return new ObjectLostError(stored + " is lost: " + why, stored, cause);
    }

    /** Drops the object at {@code stored}, here or at its node; a node that is gone has nothing to drop. */
    void free(Stored stored) {
        if (isHere(stored)) {
            objects.remove(stored.id());
            return;
        }
        var connections = idle.computeIfAbsent(stored.port(), k -> new ConcurrentLinkedQueue<>());
        Connection connection = connections.poll();
        try {
            if (connection == null) {
                connection = Connection.open(stored.port(), token);
            }
            connection.free(stored.id());
            connections.add(connection);
        } catch (IOException | AuthenticationError gone) {
            if (connection != null) {
                connection.close();
            }
        }
    }

    // ---- the server -------------------------------------------------------------------------

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                served.add(client);
                Thread.ofVirtual().name("ray-node-client").start(() -> serve(client));
            }
        } catch (IOException closed) {
            // close() closed the server
        }
    }

    private void serve(Socket client) {
        try (client;
             var in = new DataInputStream(new BufferedInputStream(client.getInputStream(), 1 << 16));
             var out = new DataOutputStream(new BufferedOutputStream(client.getOutputStream(), 1 << 16))) {
            if (!authenticated(client, in, out)) {
                return;
            }
            while (true) {
                byte op = in.readByte();
                long id = in.readLong();
                if (op == FREE) {
                    objects.remove(id);
                    continue;
                }
                byte[] bytes = op == GET ? objects.get(id) : null;
                out.writeInt(bytes == null ? -1 : bytes.length);
                if (bytes != null) {
                    out.write(bytes);
                }
                out.flush();
            }
        } catch (IOException ended) {
            // the client left, or the node was closed
        } finally {
            served.remove(client);
        }
    }

    /** Runs the challenge both ways; a client that fails it is refused, logged and counted. */
    private boolean authenticated(Socket client, DataInputStream in, DataOutputStream out) throws IOException {
        client.setSoTimeout(CHALLENGE_TIMEOUT_MS);
        try {
            Challenge.serverSide(in, out, token);
            client.setSoTimeout(0);
            client.setTcpNoDelay(true);
            client.setSendBufferSize(SOCKET_BUFFER);
            return true;
        } catch (AuthenticationError | IOException failed) {
            refused.incrementAndGet();
            try {
                client.shutdownOutput(); // the #FAILURE# goes out before the connection closes
            } catch (IOException alreadyGone) {
                // the client left first
            }
            System.err.println("ray node (pid " + pid + ", 127.0.0.1:" + port() + "): refused a connection from "
                    + client.getRemoteSocketAddress() + ": it did not prove it holds the cluster's token ("
                    + failed.getMessage() + ")");
            return false;
        }
    }

    /** Stops serving: the server, every connection in and out, every object kept here. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        served.forEach(Node::closeQuietly);
        idle.values().forEach(connections -> connections.forEach(Connection::close));
        idle.clear();
        objects.clear();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** One authenticated connection to another node; one request at a time. */
    private record Connection(Socket socket, DataInputStream in, DataOutputStream out) {
        static Connection open(int port, byte[] token) throws IOException {
            var socket = new Socket();
            try {
                socket.setReceiveBufferSize(SOCKET_BUFFER);
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                socket.setTcpNoDelay(true);
                var connection = new Connection(socket, new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16)),
                        new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16)));
                Challenge.clientSide(connection.in, connection.out, token);
                return connection;
            } catch (IOException | AuthenticationError e) {
                closeQuietly(socket);
                throw e;
            }
        }

        /** The bytes of object {@code id}, or null if the node does not have it. */
        byte[] get(long id) throws IOException {
            out.writeByte(GET);
            out.writeLong(id);
            out.flush();
            int length = in.readInt();
            if (length < 0) {
                return null;
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return bytes;
        }

        void free(long id) throws IOException {
            out.writeByte(FREE);
            out.writeLong(id);
            out.flush();
        }

        void close() {
            closeQuietly(socket);
        }
    }
}
