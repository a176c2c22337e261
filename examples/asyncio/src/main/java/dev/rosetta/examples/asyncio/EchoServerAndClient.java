package dev.rosetta.examples.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Streams;
import dev.rosetta.asyncio.Task;
import dev.rosetta.trace.TimelineFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * An echo server and three clients, all coroutines on one loop.
 *
 * <pre>
 * async def handle(reader, writer):
 *     while line := await reader.readline():
 *         writer.write(line)
 *         await writer.drain()
 *
 * async def client(n, port):
 *     reader, writer = await asyncio.open_connection("127.0.0.1", port)
 *     writer.write(f"hello from {n}\n".encode()); await writer.drain()
 *     print(await reader.readline())
 *
 * async def main():
 *     server = await asyncio.start_server(handle, "127.0.0.1", 0)
 *     await asyncio.gather(*(client(n, port) for n in range(3)))
 * </pre>
 *
 * <p>The idea: {@code readline()} and {@code drain()} are await points. While one connection
 * waits for bytes, the loop serves the others; the selector tells it which socket is ready.
 */
public final class EchoServerAndClient {
    private EchoServerAndClient() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, EchoServerAndClient::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        List<String> replies = Asyncio.run(() -> {
            try (var server = Streams.startServer((reader, writer) -> {
                for (String line; !(line = reader.readline()).isEmpty(); ) {
                    writer.write(line);
                    writer.drain();
                }
            }, "127.0.0.1", 0)) {
                System.out.println("echo server listening on 127.0.0.1:" + server.port());
                var clients = new ArrayList<Task<String>>();
                for (int n = 0; n < 3; n++) {
                    int id = n;
                    clients.add(Asyncio.createTask("client-" + id, () -> {
                        var connection = Streams.openConnection("127.0.0.1", server.port());
                        connection.writer().write("hello from client " + id + "\n");
                        connection.writer().drain();
                        String reply = connection.reader().readline().strip();
                        connection.writer().close();
                        return "client " + id + " got back: " + reply;
                    }));
                }
                return Asyncio.gather(clients).await();
            }
        });
        replies.forEach(System.out::println);
        System.out.println("every callback and task step ran on one loop thread, one at a time");
    }
}
