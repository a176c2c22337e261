package dev.rosetta.asyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Python's {@code asyncio.StreamReader}: the read side of a TCP connection, for coroutines.
 * {@link #readline()} and {@link #read} suspend the task until the bytes arrive.
 *
 * <p>The idea: the socket is non-blocking and registered with the loop's selector; when it is
 * readable the loop reads what is there into this buffer (on the loop thread) and wakes the task
 * waiting for it. While the buffer holds more than {@value #LIMIT} unread bytes the loop stops
 * reading (flow control: the sender's TCP window fills up).
 *
 * <p>Thread-safety: loop-only.
 */
public final class StreamReader {
    static final int LIMIT = 64 * 1024;

    private final EventLoop loop;
    private final SocketChannel channel;
    private byte[] buffer = new byte[256];
    private int start;
    private int end;
    private boolean eof;
    private IOException error;
    private Future<Void> waiter;
    private boolean reading;

    StreamReader(EventLoop loop, SocketChannel channel) {
        this.loop = loop;
        this.channel = channel;
        resumeReading();
    }

    /**
     * Python's {@code await reader.readline()}: the next line including its {@code '\n'} (decoded as
     * UTF-8), or what is left without one at end of stream, or {@code ""} at end of stream. An await point.
     */
    public String readline() {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    return take(i + 1 - start);
                }
            }
            if (eof || error != null) {
                if (start == end && error != null) {
                    throw new UncheckedIOException(error);
                }
                return take(end - start);
            }
            waitForData("readline");
        }
    }

    /** Python's {@code await reader.read(n)}: up to {@code max} bytes, as soon as any are there; empty at end of stream. */
    public byte[] read(int max) {
        while (start == end && !eof && error == null) {
            waitForData("read");
        }
        if (start == end && error != null) {
            throw new UncheckedIOException(error);
        }
        int n = Math.min(max, end - start);
        byte[] out = Arrays.copyOfRange(buffer, start, start + n);
        consumed(n);
        return out;
    }

    /** Whether the stream has ended and every byte has been read (Python: {@code at_eof()}). */
    public boolean atEof() {
        return eof && start == end;
    }

    private String take(int n) {
        String line = new String(buffer, start, n, StandardCharsets.UTF_8);
        consumed(n);
        return line;
    }

    private void consumed(int n) {
        start += n;
        if (start == end) {
            start = end = 0;
        }
        if (!reading && !eof && end - start < LIMIT) {
            resumeReading();
        }
    }

    private void waitForData(String what) {
        if (waiter != null) {
            throw new IllegalStateException(what + "() called while another task is already waiting on this reader");
        }
        waiter = Task.requireCurrent(loop, "StreamReader." + what).loop.createFuture();
        try {
            waiter.await();
        } finally {
            waiter = null;
        }
    }

    private void resumeReading() {
        reading = true;
        loop.addReader(channel, this::onReadable);
    }

    /** On the loop thread, when the selector says the socket is readable. */
    private void onReadable() {
        ByteBuffer scratch = ByteBuffer.wrap(spaceFor(16 * 1024), end, 16 * 1024);
        try {
            int n = channel.read(scratch);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        } catch (IOException e) {
            error = e;
        }
        if (eof || error != null || end - start >= LIMIT) {
            reading = false;
            if (channel.isOpen()) {
                loop.removeReader(channel);
            }
        }
        if (waiter != null && !waiter.isDone()) {
            waiter.setResult(null);
        }
    }

    /** The buffer, compacted or grown so that {@code extra} bytes fit after {@code end}. */
    private byte[] spaceFor(int extra) {
        if (buffer.length - end >= extra) {
            return buffer;
        }
        int live = end - start;
        byte[] target = live + extra <= buffer.length ? buffer : new byte[Math.max(buffer.length * 2, live + extra)];
        System.arraycopy(buffer, start, target, 0, live);
        buffer = target;
        start = 0;
        end = live;
        return buffer;
    }

    void connectionLost(IOException cause) {
        if (cause != null) {
            error = cause;
        }
        eof = true;
        if (waiter != null && !waiter.isDone()) {
            waiter.setResult(null);
        }
    }
}
