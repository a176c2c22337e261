package dev.rosetta.asyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Python's {@code asyncio.Server}, as {@link Streams#startServer} returns it: a listening socket
 * whose accepts run on the loop thread, each connection served by a task of its own.
 *
 * <p>Thread-safety: loop-only. Close it ({@link #close()}) before the loop closes.
 */
public final class Server implements AutoCloseable {
    private final EventLoop loop;
    private final ServerSocketChannel channel;
    private final Streams.ClientHandler handler;
    private final Future<Void> closed;
    private int connections;

    Server(EventLoop loop, ServerSocketChannel channel, Streams.ClientHandler handler) {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.closed = loop.createFuture();
    }

    void startServing() {
        loop.addReader(channel, this::accept);
    }

    /** The port it listens on (useful after binding port 0). */
    public int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many connections it has accepted. */
    public int connectionsAccepted() {
        return connections;
    }

    /** On the loop thread: accept every pending connection, each into a task. */
    private void accept() {
        while (true) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (IOException e) {
                loop.callExceptionHandler(new ExceptionContext("accept failed", e, null));
                return;
            }
            if (client == null) {
                return;
            }
            connections++;
            Streams.Connection connection;
            try {
                client.configureBlocking(false);
                connection = Streams.connection(loop, client);
            } catch (IOException | UncheckedIOException e) {
                closeQuietly(client);
                continue;
            }
            loop.createTask("connection-" + connections, () -> {
                try {
                    handler.handle(connection.reader(), connection.writer());
                } finally {
                    connection.writer().close();
                }
                return null;
            });
        }
    }

    /** Python's {@code await server.serve_forever()}: suspends until the server is closed. */
    public void serveForever() {
        closed.await();
    }

    /** Stops listening (connections already accepted keep running). Idempotent. */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        loop.removeReader(channel);
        closeQuietly(channel);
        if (!closed.isDone()) {
            closed.setResult(null);
        }
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        try {
            c.close();
        } catch (IOException e) {
            // already failing: nothing to add
        }
    }
}
