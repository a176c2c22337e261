package dev.rosetta.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streams: an echo server and clients on one loop, over real sockets on 127.0.0.1. */
class StreamsTest {

    /** Several clients talk to one echo server concurrently on the same loop thread. */
    @Test
    void echoServerServesManyClientsOnOneLoop() {
        List<String> replies = Asyncio.run(() -> {
            try (var server = Streams.startServer((reader, writer) -> {
                for (String line; !(line = reader.readline()).isEmpty(); ) {
                    writer.write(line.toUpperCase());
                    writer.drain();
                }
            }, "127.0.0.1", 0)) {
                var clients = new ArrayList<Task<String>>();
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    clients.add(Asyncio.createTask(() -> {
                        var connection = Streams.openConnection("127.0.0.1", server.port());
                        connection.writer().write("hello " + n + "\n");
                        connection.writer().drain();
                        String reply = connection.reader().readline();
                        connection.writer().close();
                        connection.writer().waitClosed();
                        return reply;
                    }));
                }
                return Asyncio.gather(clients).await();
            }
        });
        for (int i = 0; i < 20; i++) {
            assertEquals("HELLO " + i + "\n", replies.get(i));
        }
    }

    /** A large write is buffered and drained; the reader gets every byte, then end of stream. */
    @Test
    void largeWritesDrainAndEndOfStreamIsSeen() {
        int size = 1 << 20;
        int received = Asyncio.run(() -> {
            var total = new int[1];
            var endOfStream = new Event();
            try (var server = Streams.startServer((reader, writer) -> {
                byte[] chunk;
                while ((chunk = reader.read(64 * 1024)).length > 0) {
                    total[0] += chunk.length;
                }
                endOfStream.set();
            }, "127.0.0.1", 0)) {
                var connection = Streams.openConnection("127.0.0.1", server.port());
                byte[] block = new byte[64 * 1024];
                for (int sent = 0; sent < size; sent += block.length) {
                    connection.writer().write(block);
                    connection.writer().drain();
                }
                connection.writer().close();
                connection.writer().waitClosed();
                endOfStream.waitFor();
                return total[0];
            }
        });
        assertEquals(size, received);
    }
}
