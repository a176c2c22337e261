package dev.rosetta.asyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Python's {@code asyncio.StreamWriter}: the write side of a TCP connection. {@link #write}
 * never blocks: it sends what the socket takes now and buffers the rest, which the loop sends
 * when the socket is writable. {@link #drain()} is the await point that applies back-pressure:
 * it suspends while more than {@value #HIGH_WATER} bytes are buffered.
 *
 * <p>Thread-safety: loop-only.
 */
public final class StreamWriter {
    static final int HIGH_WATER = 64 * 1024;
    static final int LOW_WATER = 16 * 1024;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final StreamReader reader;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private final Future<Void> closed;
    private long buffered;
    private boolean closing;
    private Future<Void> drainWaiter;
    private IOException error;

    StreamWriter(EventLoop loop, SocketChannel channel, StreamReader reader) {
        this.loop = loop;
        this.channel = channel;
        this.reader = reader;
        this.closed = loop.createFuture();
    }

    /** Python's {@code writer.write(data)}: queues {@code data}; never suspends. Follow with {@link #drain()}. */
    public void write(byte[] data) {
        if (closing) {
            throw new IllegalStateException("write() after close()");
        }
        if (error != null) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(data);
        if (pending.isEmpty()) {
            try {
                channel.write(buf);
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (!buf.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, this::onWritable);
        }
        pending.add(buf);
        buffered += buf.remaining();
    }

    /** {@link #write(byte[])} of {@code text} as UTF-8. */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Python's {@code await writer.drain()}: suspends while the buffer is above the high-water mark,
     * until it drops below the low-water mark; throws if the connection failed. An await point.
     */
    public void drain() {
        if (error != null) {
            throw new UncheckedIOException("connection lost", error);
        }
        if (buffered > HIGH_WATER) {
            drainWaiter = Task.requireCurrent(loop, "StreamWriter.drain").loop.createFuture();
            try {
                drainWaiter.await();
            } finally {
                drainWaiter = null;
            }
            if (error != null) {
                throw new UncheckedIOException("connection lost", error);
            }
        }
    }

    /** Python's {@code writer.close()}: closes the connection once the buffered bytes are sent. */
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (pending.isEmpty()) {
            closeNow();
        }
    }

    /** Whether {@link #close()} was called (Python: {@code is_closing()}). */
    public boolean isClosing() {
        return closing;
    }

    /** Python's {@code await writer.wait_closed()}: suspends until the socket is closed. */
    public void waitClosed() {
        closed.await();
    }

    private void onWritable() {
        try {
            while (!pending.isEmpty()) {
                ByteBuffer head = pending.peek();
                int n = channel.write(head);
                buffered -= n;
                if (head.hasRemaining()) {
                    break;
                }
                pending.poll();
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        if (pending.isEmpty()) {
            loop.removeWriter(channel);
            if (closing) {
                closeNow();
            }
        }
        if (drainWaiter != null && buffered <= LOW_WATER && !drainWaiter.isDone()) {
            drainWaiter.setResult(null);
        }
    }

    private void fail(IOException e) {
        error = e;
        pending.clear();
        buffered = 0;
        if (drainWaiter != null && !drainWaiter.isDone()) {
            drainWaiter.setResult(null);
        }
        closeNow();
    }

    private void closeNow() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket that already failed: nothing left to do
        }
        reader.connectionLost(null);
        if (!closed.isDone()) {
            closed.setResult(null);
        }
    }
}
