package dev.rosetta.tour.rows;

import static dev.rosetta.dask.Expr.col;

import dev.rosetta.dask.Dask;
import dev.rosetta.dask.Frame;
import dev.rosetta.dask.LocalScheduler;
import dev.rosetta.dask.Partition;
import dev.rosetta.dask.Scheduler;
import dev.rosetta.dask.Task;
import dev.rosetta.dask.TaskGraph;
import dev.rosetta.dask.TaxiTrips;
import dev.rosetta.distributed.LocalCluster;
import dev.rosetta.distributed.dask.DistributedScheduler;
import dev.rosetta.tour.Figure;
import dev.rosetta.tour.Goal;
import dev.rosetta.tour.Measure;
import dev.rosetta.tour.Readings;
import dev.rosetta.tour.TourRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The {@code dask} row: the query {@code df[df.passengers > 1].groupby("pickup_zone").fare.mean()}
 * on a generated taxi-trips CSV — its speed on threads(2), beside DuckDB's on the same file; the
 * same query on a file several times the heap of a JVM started with {@code -Xmx256m}, and that
 * JVM's peak resident memory; the scheduler's cost per task; and how many no-op tasks a second
 * the distributed scheduler runs on a 2-member Hazelcast cluster.
 *
 * <p>Real dask 2022.12.1 and pandas 1.5.3's figures are from the measurements on this
 * machine (see docs/dask.md).
 */
public final class DaskRow implements TourRow {
    static final Figure GROUPBY_MB_S = new Figure("groupby_mb_s", "MB/s",
            "filter + groupby mean on a 200 MB taxi CSV, threads scheduler, 2 workers (bytes of CSV ÷ seconds)",
            Goal.atLeast(300), "75 (dask threads)");
    static final Figure VS_DUCKDB = new Figure("vs_duckdb", "×",
            "the same query and file: our seconds ÷ DuckDB's (in-process, 2 threads), same run", Goal.atMost(2), "—");
    static final Figure OUT_OF_CORE_RATIO = new Figure("out_of_core_ratio", "×",
            "bytes of CSV queried ÷ the query JVM's max heap (-Xmx256m, a 1.1 GB file)", Goal.atLeast(4),
            "larger than memory");
    static final Figure PEAK_RSS_MB = new Figure("peak_rss_mb", "MB",
            "that query JVM's peak resident memory (VmHWM)", Goal.below(512), "945 (pandas, 200 MB)");
    static final Figure TASK_OVERHEAD_US = new Figure("task_overhead_us", "µs",
            "10,000 no-op tasks on the threads scheduler (2 workers), per task", Goal.atMost(20),
            "116–183 (dask.delayed)");
    static final Figure DISTRIBUTED_TASKS_PER_S = new Figure("distributed_tasks_per_s", "tasks/s",
            "no-op tasks through the Hazelcast scheduler, a 2-member cluster (member JVMs on this machine), all ready at once",
            Goal.atLeast(2_000), "445 (dask.distributed, 2 workers)");

    @Override
    public String name() {
        return "dask";
    }

    static Frame query(Path csv, long blocksize) {
        return Dask.readCsv(csv.toString(), blocksize).filter(col("passengers").gt(1)).groupBy("pickup_zone").mean("fare");
    }

    @Override
    public Headline headline() {
        return new Headline("df[df.passengers > 1].groupby('pickup_zone').fare.mean() on 8 partitions, threads scheduler",
                "Two lanes, the scheduler's two threads: a bar per task of the graph (hover it: its key). First the"
                        + " fused read-filter-partial-mean tasks, one per partition, side by side; then the tree"
                        + " reduction's few combine tasks, and the final mean.",
                () -> {
                    Path dir = Files.createTempDirectory("rosetta-headline-dask-");
                    try {
                        Path csv = dir.resolve("trips.csv");
                        TaxiTrips.write(csv, 4_000_000, 42);
                        try (var threads = LocalScheduler.threads(2)) {
                            query(csv, Files.size(csv) / 8 + 1).compute(threads);
                        }
                    } finally {
                        try (var files = Files.walk(dir)) {
                            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                        }
                    }
                });
    }

    @Override
    public void measure(Readings readings) throws Exception {
        boolean quick = readings.quick();
        Path dir = Files.createTempDirectory("rosetta-tour-dask-");
        try {
            readings.begin("generating the trips CSV");
            Path csv = dir.resolve("trips.csv");
            TaxiTrips.write(csv, quick ? 20_000_000 : 200_000_000, 42);
            double mb = Files.size(csv) / 1e6;
            long blocksize = quick ? 4 << 20 : 32 << 20;
            double ours;
            try (var threads = LocalScheduler.threads(2)) {
                ours = mb / readings.median(GROUPBY_MB_S, 0, 1, quick ? 3 : 5,
                        () -> mb / Measure.seconds(() -> query(csv, blocksize).compute(threads)));
            }
            try (var duck = DriverManager.getConnection("jdbc:duckdb:"); var statement = duck.createStatement()) {
                statement.execute("SET threads TO 2");
                String sql = "SELECT pickup_zone, avg(fare) FROM read_csv('" + csv + "', header = true)"
                        + " WHERE passengers > 1 GROUP BY pickup_zone";
                readings.median(VS_DUCKDB, 2, 1, quick ? 3 : 5, () -> ours / Measure.seconds(() -> {
                    try (var rs = statement.executeQuery(sql)) {
                        while (rs.next()) {
                            rs.getDouble(2);
                        }
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException("DuckDB failed on " + sql + ": " + e.getMessage(), e);
                    }
                }));
            }
            Files.delete(csv);
            outOfCore(readings, dir, quick);
            readings.median(TASK_OVERHEAD_US, 1, 2, quick ? 3 : 7, () -> perTaskMicros(10_000));
            distributed(readings, quick);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The query in a JVM of its own with a small heap, on a file several times that heap. */
    private static void outOfCore(Readings readings, Path dir, boolean quick) throws IOException, InterruptedException {
        readings.begin("out of core: generating a file four times the heap");
        int heapMb = quick ? 16 : 256;
        Path big = dir.resolve("big.csv");
        TaxiTrips.write(big, (long) (heapMb * 4.3 * (1 << 20)), 7);
        readings.begin("out of core: the query under -Xmx" + heapMb + "m");
        String java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(java, "-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"),
                OutOfCoreQuery.class.getName(), big.toString(), Long.toString(quick ? 1 << 20 : 16 << 20)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try {
            out = new String(child.getInputStream().readAllBytes()).strip();
            if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0) {
                throw new IllegalStateException("the out-of-core query JVM failed: " + out);
            }
        } finally {
            child.destroyForcibly();
        }
        String[] figures = out.lines().reduce((a, b) -> b).orElseThrow().split(" ");
        double bytes = Double.parseDouble(figures[0]);
        double maxHeap = Double.parseDouble(figures[1]);
        double peakRssKb = Double.parseDouble(figures[2]);
        readings.put(OUT_OF_CORE_RATIO, Measure.round(bytes / maxHeap, 1));
        readings.put(PEAK_RSS_MB, Measure.round(peakRssKb / 1024, 0));
    }

    /** No-op tasks on threads(2): what the loop costs per task. */
    static double perTaskMicros(int tasks) {
        var graph = noOps(tasks);
        var keys = List.copyOf(graph.tasks().keySet());
        try (var threads = LocalScheduler.threads(2)) {
            return Measure.seconds(() -> threads.get(graph, keys, Scheduler.Callback.NONE)) * 1e6 / tasks;
        }
    }

    /**
     * No-op tasks through {@link DistributedScheduler} on a 2-member cluster: how many tasks a
     * second the Hazelcast scheduler hands out, run and answers when all are ready at once
     * (dask.distributed's {@code client.map} of no-op tasks, then {@code gather}).
     */
    private static void distributed(Readings readings, boolean quick) throws Exception {
        readings.begin("distributed: starting a 2-member Hazelcast cluster");
        try (var local = LocalCluster.start(2)) {
            var client = new DistributedScheduler(local.cluster());
            int tasks = quick ? 2_000 : 10_000;
            var graph = noOps(tasks);
            var keys = List.copyOf(graph.tasks().keySet());
            readings.begin("distributed: " + tasks + " no-op tasks");
            readings.median(DISTRIBUTED_TASKS_PER_S, 0, quick ? 1 : 2, quick ? 3 : 5,
                    () -> tasks / Measure.seconds(() -> client.get(graph, keys, Scheduler.Callback.NONE)));
        }
    }

    private static TaskGraph noOps(int tasks) {
        return new TaskGraph(IntStream.range(0, tasks)
                .mapToObj(i -> new Task("noop-" + i, List.of(), in -> Boolean.TRUE, "noop")).toList());
    }

    /**
     * The out-of-core run's main, in its own JVM: runs the query, then prints
     * {@code <bytes of CSV> <max heap bytes> <peak RSS kB>}.
     */
    public static final class OutOfCoreQuery {
        private OutOfCoreQuery() {
        }

        public static void main(String[] args) throws IOException {
            Path csv = Path.of(args[0]);
            try (var threads = LocalScheduler.threads(2)) {
                Partition result = query(csv, Long.parseLong(args[1])).compute(threads);
                if (result.rows() != TaxiTrips.ZONES.size()) {
                    throw new IllegalStateException("expected one row per zone, got " + result.rows());
                }
            }
            String peak = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .findFirst().orElse("VmHWM: 0 kB").replaceAll("\\D+", " ").strip();
            System.out.println(String.format(Locale.ROOT, "%d %d %s", Files.size(csv), Runtime.getRuntime().maxMemory(), peak));
        }
    }
}
