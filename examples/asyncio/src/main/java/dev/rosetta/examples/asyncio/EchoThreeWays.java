package dev.rosetta.examples.asyncio;

import dev.rosetta.asyncio.EchoLoad;
import dev.rosetta.asyncio.EchoServers;
import dev.rosetta.trace.TimelineFlag;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The same echo server three ways under the same load: a platform thread per connection, a
 * virtual thread per connection, and one event loop.
 *
 * <pre>
 * # threads:  socketserver.ThreadingTCPServer(("127.0.0.1", 0), EchoHandler)
 * # asyncio:  await asyncio.start_server(handle, "127.0.0.1", 0)
 * </pre>
 *
 * <p>The idea: an event loop serves many connections with one thread by never blocking; a
 * platform thread per connection pays a real thread (a stack, a kernel schedule) for each;
 * virtual threads get the loop's economy with plain blocking code, because the JDK parks them on
 * its own selector. Numbers here are rough (a short run, load from this same process); the tour
 * measures 10,000 connections with the load in a second process.
 */
public final class EchoThreeWays {
    private EchoThreeWays() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, EchoThreeWays::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        System.out.printf(Locale.ROOT, "%,d connections, each sending a line and awaiting its echo, over and over:%n", connections);
        run("thread per connection        ", connections, EchoServers::threadPerConnection);
        run("virtual thread per connection", connections, EchoServers::virtualThreadPerConnection);
        run("one event loop               ", connections, EchoServers::eventLoop);
    }

    private static void run(String label, int connections, Supplier<EchoServers.Running> server) {
        try (var running = server.get()) {
            EchoLoad.Result result = EchoLoad.run(running.port(), connections, Duration.ofMillis(200), Duration.ofMillis(300), 1);
            System.out.printf(Locale.ROOT, "  %s  %,d connections  %,.0f requests/s%n", label, result.connected(),
                    result.requestsPerSecond());
        }
    }
}
