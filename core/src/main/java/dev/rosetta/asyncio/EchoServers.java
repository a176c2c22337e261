package dev.rosetta.asyncio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same line-echo server three ways, to compare side by side: a platform thread per
 * connection (Python: {@code socketserver.ThreadingTCPServer}), a virtual thread per connection
 * (Java 21's answer), and coroutines on one event loop ({@code asyncio.start_server}).
 * All bind 127.0.0.1 only.
 *
 * <p>The first two are written as blocking code; the third as coroutines that await. The point
 * of the comparison: blocking code on virtual threads scales like the event loop without
 * colouring any function async.
 *
 * <p>Thread-safety: a {@link Running} server may be closed from any thread, once.
 * {@code main} runs one server in its own process for the tour: it prints {@code port N},
 * serves until its standard input closes, then closes the server and exits.
 */
public final class EchoServers {
    /** A server that is running; close it to stop it and every connection. */
    public interface Running extends AutoCloseable {
        /** The port it listens on, on 127.0.0.1. */
        int port();

        /** Stops accepting, closes every connection, and waits for its threads to end. */
        @Override
        void close();
    }

    private EchoServers() {
    }

    /** One platform thread per connection, blocking reads and writes. */
    public static Running threadPerConnection() {
        var counter = new AtomicLong();
        return new BlockingServer(r -> Thread.ofPlatform().name("echo-conn-" + counter.incrementAndGet()).unstarted(r),
                Thread.ofPlatform().name("echo-accept").factory());
    }

    /** One virtual thread per connection: the same blocking code. */
    public static Running virtualThreadPerConnection() {
        return new BlockingServer(Thread.ofVirtual().name("echo-vconn-", 1).factory(),
                Thread.ofVirtual().name("echo-vaccept").factory());
    }

    /** Every connection a task on one event loop, which runs on a thread of its own until closed. */
    public static Running eventLoop() {
        var loop = new EventLoop();
        var port = new java.util.concurrent.CompletableFuture<Integer>();
        var stop = new java.util.concurrent.CompletableFuture<Future<Void>>();
        Thread runner = Thread.ofPlatform().name("echo-loop-owner").start(() -> {
            try (loop) {
                loop.runUntilComplete(() -> {
                    try (var server = Streams.startServer(EchoServers::echo, "127.0.0.1", 0)) {
                        Future<Void> stopped = loop.createFuture();
                        stop.complete(stopped);
                        port.complete(server.port());
                        stopped.await();
                    }
                    return null;
                });
            } catch (Throwable t) {
                port.completeExceptionally(t);
            }
        });
        int boundPort = port.join();
        return new Running() {
            @Override
            public int port() {
                return boundPort;
            }

            @Override
            public void close() {
                Future<Void> stopped = stop.join();
                loop.callSoonThreadsafe(() -> stopped.setResult(null));
                try {
                    runner.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** The coroutine echo handler: a line in, the same line out, until the client closes. */
    static void echo(StreamReader reader, StreamWriter writer) {
        for (String line; !(line = reader.readline()).isEmpty(); ) {
            writer.write(line);
            writer.drain();
        }
    }

    /** The blocking servers: an accept thread and a thread per connection from {@code connections}. */
    private static final class BlockingServer implements Running {
        private final ServerSocket serverSocket;
        private final Set<Socket> sockets = Collections.synchronizedSet(new HashSet<>());
        private final Set<Thread> threads = Collections.synchronizedSet(new HashSet<>());
        private final Thread acceptor;

        BlockingServer(ThreadFactory connections, ThreadFactory accept) {
            try {
                serverSocket = new ServerSocket(0, 16 * 1024, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            acceptor = accept.newThread(() -> acceptLoop(connections));
            acceptor.start();
        }

        private void acceptLoop(ThreadFactory connections) {
            while (!serverSocket.isClosed()) {
                Socket socket;
                try {
                    socket = serverSocket.accept();
                    socket.setTcpNoDelay(true);
                } catch (IOException e) {
                    return; // closed
                }
                sockets.add(socket);
                Thread thread = connections.newThread(() -> serve(socket));
                threads.add(thread);
                thread.start();
            }
        }

        private void serve(Socket socket) {
            try (socket;
                 var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                OutputStream out = socket.getOutputStream();
                for (String line; (line = in.readLine()) != null; ) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (SocketException e) {
                // closed by close(), or reset by the client: the connection is over
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                sockets.remove(socket);
            }
        }

        @Override
        public int port() {
            return serverSocket.getLocalPort();
        }

        @Override
        public void close() {
            try {
                serverSocket.close();
                acceptor.join();
                List<Socket> open;
                synchronized (sockets) {
                    open = List.copyOf(sockets);
                }
                for (Socket socket : open) {
                    socket.close();
                }
                List<Thread> all;
                synchronized (threads) {
                    all = List.copyOf(threads);
                }
                for (Thread thread : all) {
                    thread.join();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code EchoServers threads|virtual|loop}: one server in this process, until stdin closes. */
    public static void main(String[] args) throws IOException {
        Running server = switch (args.length == 1 ? args[0] : "") {
            case "threads" -> threadPerConnection();
            case "virtual" -> virtualThreadPerConnection();
            case "loop" -> eventLoop();
            default -> throw new IllegalArgumentException("usage: EchoServers threads|virtual|loop");
        };
        try (server) {
            System.out.println("port " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our stdin
            }
        }
    }
}
