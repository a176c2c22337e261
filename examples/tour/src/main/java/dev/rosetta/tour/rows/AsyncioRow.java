package dev.rosetta.tour.rows;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.EchoLoad;
import dev.rosetta.asyncio.EchoServers;
import dev.rosetta.asyncio.EventLoop;
import dev.rosetta.asyncio.Future;
import dev.rosetta.asyncio.SlowCallback;
import dev.rosetta.tour.Measure;
import dev.rosetta.tour.TourRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The {@code asyncio} row (issue #7): one event-loop thread against CPython's, and the same echo
 * server three ways under the same load.
 *
 * <ul>
 * <li>{@code sleep10k_s}: 10,000 tasks each {@code await sleep(0.1)}, gathered (CPython 3.11: 0.19 s);</li>
 * <li>{@code per_task_us}: 100,000 trivial tasks created and gathered, per task (CPython: 8.1 µs);</li>
 * <li>{@code echo_connections}: TCP connections held open and echoed at once by one loop thread;</li>
 * <li>{@code echo_rps_loop}, {@code echo_rps_threads}, {@code echo_rps_virtual}: requests per second of
 *     the loop, thread-per-connection and virtual-thread-per-connection servers, same load;</li>
 * <li>{@code slow_callback_detected}: debug mode reports a task that blocks the loop for 200 ms.</li>
 * </ul>
 *
 * <p>The loop figures are measured in a child JVM whose virtual threads share <em>one</em> carrier
 * thread ({@code -Djdk.virtualThreadScheduler.parallelism=1}): the loop and all its tasks then run
 * on a single OS thread, as Python's do, and a task switch never crosses cores. Each echo server
 * runs in a process of its own, and the load comes from another ({@link EchoLoad}), all on 127.0.0.1.
 * The connection count is 10,000, or less if the open-file limit forbids it.
 */
public final class AsyncioRow implements TourRow {
    private static final String ONE_CARRIER = "-Djdk.virtualThreadScheduler.parallelism=1";

    @Override
    public String name() {
        return "asyncio";
    }

    @Override
    public Claims claims() {
        return new Claims("asyncio",
                "a single-threaded event loop running coroutines",
                "thousands of concurrent network connections",
                "tiny per-task cost, no locks needed between awaits",
                "one blocking call freezes everything; async colours every function");
    }

    @Override
    public Map<String, Object> measure(boolean quick) throws Exception {
        Map<String, String> loop = parse(runChild(List.of(ONE_CARRIER), AsyncioRow.class.getName(),
                List.of(quick ? "quick" : "full"), Duration.ofMinutes(3)));
        int connections = quick ? 200 : connectionsAllowed(10_000);
        var metrics = new LinkedHashMap<String, Object>();
        metrics.put("sleep10k_s", Double.parseDouble(loop.get("sleep10k_s")));
        metrics.put("per_task_us", Double.parseDouble(loop.get("per_task_us")));
        var rps = new LinkedHashMap<String, Double>();
        int held = 0;
        for (String server : List.of("loop", "threads", "virtual")) {
            EchoLoad.Result result = echo(server, connections, quick);
            rps.put(server, result.requestsPerSecond());
            if (server.equals("loop")) {
                held = result.connected();
            }
        }
        metrics.put("echo_connections", held);
        metrics.put("echo_rps_loop", Measure.round(rps.get("loop"), 0));
        metrics.put("echo_rps_threads", Measure.round(rps.get("threads"), 0));
        metrics.put("echo_rps_virtual", Measure.round(rps.get("virtual"), 0));
        metrics.put("slow_callback_detected", Boolean.parseBoolean(loop.get("slow_callback_detected")));
        return metrics;
    }

    /** The wanted connection count, or what the open-file limit leaves room for (each process holds one end). */
    private static int connectionsAllowed(int wanted) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            return (int) Math.min(wanted, Math.max(100, limit - 1_000));
        }
        return wanted;
    }

    /** Starts an echo server process, loads it from a second process, and stops it. */
    private static EchoLoad.Result echo(String server, int connections, boolean quick) throws Exception {
        List<String> jvm = server.equals("loop") ? List.of(ONE_CARRIER) : List.of();
        Path log = Files.createTempFile("rosetta-echo-" + server, ".log");
        Process process = new ProcessBuilder(command(jvm, EchoServers.class.getName(), List.of(server)))
                .redirectError(log.toFile()).start();
        try {
            var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            for (String line; port < 0 && (line = out.readLine()) != null; ) {
                if (line.startsWith("port ")) {
                    port = Integer.parseInt(line.substring(5).strip());
                }
            }
            if (port < 0) {
                throw new IllegalStateException("the " + server + " echo server did not start: " + Files.readString(log));
            }
            List<String> args = quick ? List.of("200", "300", "3") : List.of("1500", "1000", "5");
            Map<String, String> load = parse(runChild(List.of(ONE_CARRIER), EchoLoad.class.getName(),
                    List.of(String.valueOf(port), String.valueOf(connections), args.get(0), args.get(1), args.get(2)),
                    Duration.ofMinutes(3)));
            return new EchoLoad.Result(Integer.parseInt(load.get("connected")), Double.parseDouble(load.get("rps")));
        } finally {
            process.getOutputStream().close(); // the server's signal to stop
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(log);
        }
    }

    private static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** Runs a main in a child JVM; what it printed. */
    private static List<String> runChild(List<String> jvmOptions, String mainClass, List<String> args, Duration limit)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("rosetta-asyncio", ".log");
        Process process = new ProcessBuilder(command(jvmOptions, mainClass, args))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(mainClass + " took longer than " + limit + ":\n" + Files.readString(log));
            }
            List<String> lines = Files.readAllLines(log);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(mainClass + " failed:\n" + String.join("\n", lines));
            }
            return lines;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** {@code name value} lines into a map; other lines (logs) ignored. */
    private static Map<String, String> parse(List<String> lines) {
        var values = new LinkedHashMap<String, String>();
        for (String line : lines) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2 && parts[0].matches("[a-z0-9_]+")) {
                values.put(parts[0], parts[1]);
            }
        }
        return values;
    }

    /** The loop half of the row, run in a JVM with one carrier thread: prints {@code metric value} lines. */
    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        double sleep = Measure.median(quick ? 1 : 3, quick ? 3 : 7, AsyncioRow::sleepers);
        int tasks = quick ? 20_000 : 100_000;
        double perTask = Measure.median(quick ? 1 : 3, quick ? 3 : 7, () -> trivialTasks(tasks) * 1e6 / tasks);
        System.out.println("sleep10k_s " + String.format(Locale.ROOT, "%.3f", sleep));
        System.out.println("per_task_us " + String.format(Locale.ROOT, "%.2f", perTask));
        System.out.println("slow_callback_detected " + slowCallbackDetected());
    }

    /** Seconds for 10,000 concurrent 100 ms sleeps on one loop. */
    private static double sleepers() {
        return Measure.seconds(() -> Asyncio.run(() -> {
            var tasks = new ArrayList<Future<Void>>(10_000);
            for (int i = 0; i < 10_000; i++) {
                tasks.add(Asyncio.createTask(() -> {
                    Asyncio.sleep(Duration.ofMillis(100));
                    return null;
                }));
            }
            return Asyncio.gather(tasks).await();
        }));
    }

    /** Seconds to create and gather {@code n} tasks that return at once. */
    private static double trivialTasks(int n) {
        return Measure.seconds(() -> Asyncio.run(() -> {
            var tasks = new ArrayList<Future<Integer>>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(Asyncio.createTask(() -> 1));
            }
            return Asyncio.gather(tasks).await();
        }));
    }

    /** Whether debug mode names a task that blocks the loop for 200 ms. */
    private static boolean slowCallbackDetected() {
        var reports = new CopyOnWriteArrayList<SlowCallback>();
        try (var loop = new EventLoop()) {
            loop.setDebug(true);
            loop.setSlowCallbackListener(reports::add);
            loop.runUntilComplete(() -> {
                loop.createTask("blocks-200ms", () -> {
                    Thread.sleep(200); // BAD - a blocking call inside a coroutine
                    return null;
                }).await();
                return null;
            });
        }
        return reports.stream().anyMatch(r -> r.what().contains("blocks-200ms") && r.took().toMillis() >= 200);
    }
}
