package dev.rosetta.asyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Python's streams API: {@code asyncio.start_server} and {@code asyncio.open_connection}, TCP
 * connections as a ({@link StreamReader}, {@link StreamWriter}) pair for coroutines.
 *
 * <pre>{@code
 * # Python                                          // Java
 * async def echo(reader, writer):                   ClientHandler echo = (reader, writer) -> {
 *     while line := await reader.readline():            for (String line; !(line = reader.readline()).isEmpty(); ) {
 *         writer.write(line)                                writer.write(line);
 *         await writer.drain()                              writer.drain();
 *                                                       }
 *                                                   };
 * server = await asyncio.start_server(echo, "127.0.0.1", 0)   var server = Streams.startServer(echo, "127.0.0.1", 0);
 * }</pre>
 *
 * <p>Thread-safety: loop-only; every handler runs as its own task of the loop.
 */
public final class Streams {
    /** Python's {@code client_connected_cb(reader, writer)}. */
    @FunctionalInterface
    public interface ClientHandler {
        /** Serves one connection; runs as a task. The connection is closed when it returns (Python leaves that to you). */
        void handle(StreamReader reader, StreamWriter writer) throws Exception;
    }

    /** Both ends of a connection, as {@code open_connection} returns them. */
    public record Connection(StreamReader reader, StreamWriter writer) {
    }

    private Streams() {
    }

    /**
     * Python's {@code await asyncio.start_server(handler, host, port)}: listens on
     * {@code host:port} (port 0: any free port) and runs {@code handler} as a new task for each
     * connection accepted. Must be called from a task.
     */
    public static Server startServer(ClientHandler handler, String host, int port) {
        EventLoop loop = Task.requireCurrent(null, "Streams.startServer").loop;
        try {
            ServerSocketChannel channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(host, port), 16 * 1024);
            var server = new Server(loop, channel, handler);
            server.startServing();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    /** Python's {@code await asyncio.open_connection(host, port)}: connects, suspending until connected. */
    public static Connection openConnection(String host, int port) {
        EventLoop loop = Task.requireCurrent(null, "Streams.openConnection").loop;
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (!channel.connect(new InetSocketAddress(host, port))) {
                Future<Void> connected = loop.createFuture();
                loop.addWriter(channel, () -> {
                    loop.removeWriter(channel);
                    try {
                        channel.finishConnect();
                        connected.setResult(null);
                    } catch (IOException e) {
                        connected.setException(e);
                    }
                });
                try {
                    connected.await();
                } catch (RuntimeException e) {
                    channel.close();
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + host + ":" + port, e);
        }
        return connection(loop, channel);
    }

    static Connection connection(EventLoop loop, SocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var reader = new StreamReader(loop, channel);
        return new Connection(reader, new StreamWriter(loop, channel, reader));
    }
}
