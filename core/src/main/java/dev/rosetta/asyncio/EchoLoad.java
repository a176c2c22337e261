package dev.rosetta.asyncio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A load generator for the echo servers: {@code connections} TCP connections held open at once,
 * each sending a line and waiting for its echo, over and over. It is itself one event loop:
 * ten thousand clients cost ten thousand tasks, not ten thousand threads.
 *
 * <p>{@code main} runs it as the second process of the tour: {@code EchoLoad PORT CONNECTIONS
 * WARMUP_MS WINDOW_MS WINDOWS} prints {@code connected N} and {@code rps R} (the median of the
 * windows' request rates, after the warm-up).
 *
 * <p>Thread-safety: {@link #run} runs a loop of its own on the calling thread's behalf; call it from
 * an ordinary thread.
 */
public final class EchoLoad {
    /**
     * What a load run measured.
     *
     * @param connected   connections that were open together
     * @param requestsPerSecond the median request rate of the measured windows
     */
    public record Result(int connected, double requestsPerSecond) {
    }

    private EchoLoad() {
    }

    /** Connects {@code connections} clients to 127.0.0.1:{@code port}, warms up, and measures {@code windows} windows. */
    public static Result run(int port, int connections, Duration warmup, Duration window, int windows) {
        return Asyncio.run(() -> {
            var open = new ArrayList<Streams.Connection>();
            for (int start = 0; start < connections; start += 500) {
                var batch = new ArrayList<Task<Streams.Connection>>();
                for (int i = start; i < Math.min(connections, start + 500); i++) {
                    batch.add(Asyncio.createTask(() -> Streams.openConnection("127.0.0.1", port)));
                }
                open.addAll(Asyncio.gather(batch).await());
            }
            long[] requests = {0};
            boolean[] stop = {false};
            var clients = new ArrayList<Task<Void>>();
            for (var connection : open) {
                clients.add(Asyncio.createTask(() -> {
                    while (!stop[0]) {
                        connection.writer().write("ping\n");
                        connection.writer().drain();
                        if (connection.reader().readline().isEmpty()) {
                            throw new IllegalStateException("the server closed a connection");
                        }
                        requests[0]++;
                    }
                    connection.writer().close();
                    return null;
                }));
            }
            Asyncio.sleep(warmup);
            double[] rates = new double[windows];
            for (int w = 0; w < windows; w++) {
                long before = requests[0];
                long started = System.nanoTime();
                Asyncio.sleep(window);
                rates[w] = (requests[0] - before) / ((System.nanoTime() - started) / 1e9);
            }
            stop[0] = true;
            Asyncio.gather(clients).await();
            Arrays.sort(rates);
            return new Result(open.size(), rates[windows / 2]);
        });
    }

    /** The tour's second process; see the class comment. */
    public static void main(String[] args) {
        List<Integer> a = Arrays.stream(args).map(Integer::parseInt).toList();
        Result result = run(a.get(0), a.get(1), Duration.ofMillis(a.get(2)), Duration.ofMillis(a.get(3)), a.get(4));
        System.out.println("connected " + result.connected());
        System.out.println("rps " + Math.round(result.requestsPerSecond()));
    }
}
