package dev.rosetta.tour.rows;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.EchoLoad;
import dev.rosetta.asyncio.EchoServers;
import dev.rosetta.asyncio.EventLoop;
import dev.rosetta.asyncio.Future;
import dev.rosetta.asyncio.SlowCallback;
import dev.rosetta.multiprocessing.Spawn;
import dev.rosetta.tour.Figure;
import dev.rosetta.tour.Goal;
import dev.rosetta.tour.Measure;
import dev.rosetta.tour.Readings;
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
 * The {@code asyncio} row: one event-loop thread against CPython's, and the same echo
 * server three ways under the same load. The figures, their goals and CPython's are declared
 * below, one constant each.
 *
 * <p>The loop figures are measured in a child JVM whose virtual threads share <em>one</em> carrier
 * thread ({@code -Djdk.virtualThreadScheduler.parallelism=1}): the loop and all its tasks then run
 * on a single OS thread, as Python's do, and a task switch never crosses cores. Each echo server
 * runs in a process of its own, and the load comes from another ({@link EchoLoad}), all on 127.0.0.1.
 * The connection count is 10,000, or less if the open-file limit forbids it.
 */
public final class AsyncioRow implements TourRow {
    private static final String ONE_CARRIER = "-Djdk.virtualThreadScheduler.parallelism=1";

    static final Figure SLEEP10K_S = new Figure("sleep10k_s", "s",
            "10,000 tasks each await sleep(0.1), gathered, on one loop thread (floor 0.1)", Goal.atMost(0.15), "0.19");
    static final Figure PER_TASK_US = new Figure("per_task_us", "µs/task",
            "100,000 trivial tasks created and gathered on one loop thread", Goal.atMost(4), "8.1");
    static final Figure ECHO_CONNECTIONS = new Figure("echo_connections", "connections",
            "TCP connections held open and echoed at once by one loop thread (all the load opened)",
            Goal.is(10_000), "—");
    static final Figure ECHO_RPS_LOOP = new Figure("echo_rps_loop", "requests/s",
            "the event-loop echo server under that load: beats a thread per connection",
            Goal.aboveFigure("echo_rps_threads"), "—");
    static final Figure ECHO_RPS_THREADS = new Figure("echo_rps_threads", "requests/s",
            "a platform thread per connection, same load", Goal.baseline("the yardstick"), "—");
    static final Figure ECHO_RPS_VIRTUAL = new Figure("echo_rps_virtual", "requests/s",
            "a virtual thread per connection, same load: beats platform threads",
            Goal.aboveFigure("echo_rps_threads"), "— (no virtual threads)");
    static final Figure SLOW_CALLBACK_DETECTED = new Figure("slow_callback_detected", "true/false",
            "debug mode names a task that blocks the loop for 200 ms", Goal.is(true), "true (asyncio debug mode)");

    @Override
    public String name() {
        return "asyncio";
    }


    @Override
    public Headline headline() {
        return new Headline("asyncio.run: 10 tasks, each 3 times (1 ms of work, then await sleep(5–15 ms)), gathered",
                "Everything runs on one lane, the loop's thread: a bar is one step of a task, from an await to"
                        + " the next. The steps never overlap, and the gaps are the sleeps, during which the loop"
                        + " runs the other tasks' steps: concurrency on one thread, switching only at awaits.",
                () -> Asyncio.run(() -> {
                    var tasks = new ArrayList<Future<Integer>>();
                    for (int i = 0; i < 10; i++) {
                        int millis = 5 * (1 + i % 3);
                        tasks.add(Asyncio.createTask("task-" + i, () -> {
                            for (int step = 0; step < 3; step++) {
                                busy(Duration.ofMillis(1));
                                Asyncio.sleep(Duration.ofMillis(millis));
                            }
                            return millis;
                        }));
                    }
                    return Asyncio.gather(tasks).await();
                }));
    }

    /** Keeps the CPU busy for {@code time}: work between awaits, which the loop cannot interrupt. */
    private static void busy(Duration time) {
        long until = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void measure(Readings readings) throws Exception {
        boolean quick = readings.quick();
        readings.begin("the loop in a child JVM: " + SLEEP10K_S.key() + ", " + PER_TASK_US.key() + ", "
                + SLOW_CALLBACK_DETECTED.key());
        Map<String, String> loop = parse(runChild(List.of(ONE_CARRIER), AsyncioRow.class.getName(),
                List.of(quick ? "quick" : "full"), Duration.ofMinutes(3)));
        readings.put(SLEEP10K_S, sample(loop.get(SLEEP10K_S.key())));
        readings.put(PER_TASK_US, sample(loop.get(PER_TASK_US.key())));
        int connections = quick ? 200 : connectionsAllowed(10_000);
        var rps = new LinkedHashMap<String, Double>();
        int held = 0;
        for (String server : List.of("loop", "threads", "virtual")) {
            readings.begin("echo server, " + server + ": " + connections + " connections");
            EchoLoad.Result result = echo(server, connections, quick);
            rps.put(server, result.requestsPerSecond());
            if (server.equals("loop")) {
                held = result.connected();
            }
        }
        readings.put(ECHO_CONNECTIONS.withGoal(Goal.is(connections)), held);
        readings.put(ECHO_RPS_LOOP, Measure.round(rps.get("loop"), 0));
        readings.put(ECHO_RPS_THREADS, Measure.round(rps.get("threads"), 0));
        readings.put(ECHO_RPS_VIRTUAL, Measure.round(rps.get("virtual"), 0));
        readings.put(SLOW_CALLBACK_DETECTED, Boolean.parseBoolean(loop.get(SLOW_CALLBACK_DETECTED.key())));
    }

    /** {@code median min max runs}, as the child prints a sample. */
    private static Measure.Sample sample(String printed) {
        String[] parts = printed.split(" ");
        return new Measure.Sample(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                Double.parseDouble(parts[2]), Integer.parseInt(parts[3]));
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
        Process process = new ProcessBuilder(Spawn.commandLine(jvm, EchoServers.class.getName(), List.of(server)))
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

    /** Runs a main in a child JVM; what it printed. */
    private static List<String> runChild(List<String> jvmOptions, String mainClass, List<String> args, Duration limit)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("rosetta-asyncio", ".log");
        Process process = new ProcessBuilder(Spawn.commandLine(jvmOptions, mainClass, args))
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

    /** {@code name value...} lines into a map of name to values; other lines (logs) ignored. */
    private static Map<String, String> parse(List<String> lines) {
        var values = new LinkedHashMap<String, String>();
        for (String line : lines) {
            String[] parts = line.strip().split(" ", 2);
            if (parts.length == 2 && parts[0].matches("[a-z0-9_]+") && !parts[1].isBlank()) {
                values.put(parts[0], parts[1]);
            }
        }
        return values;
    }

    /** The loop half of the row, run in a JVM with one carrier thread: prints {@code metric value} lines. */
    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        Measure.Sample sleep = Measure.sample(quick ? 1 : 3, quick ? 3 : 7, AsyncioRow::sleepers);
        int tasks = quick ? 20_000 : 100_000;
        Measure.Sample perTask = Measure.sample(quick ? 1 : 3, quick ? 3 : 7, () -> trivialTasks(tasks) * 1e6 / tasks);
        System.out.println(SLEEP10K_S.key() + " " + printed(sleep, "%.3f"));
        System.out.println(PER_TASK_US.key() + " " + printed(perTask, "%.2f"));
        System.out.println(SLOW_CALLBACK_DETECTED.key() + " " + slowCallbackDetected());
    }

    /** A sample as one line for the parent: {@code median min max runs}. */
    private static String printed(Measure.Sample sample, String format) {
        return String.format(Locale.ROOT, format + " " + format + " " + format + " %d",
                sample.median(), sample.min(), sample.max(), sample.runs());
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
