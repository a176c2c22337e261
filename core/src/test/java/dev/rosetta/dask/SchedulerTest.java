package dev.rosetta.dask;

import static dev.rosetta.dask.Expr.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.OverlapProbe;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedulers run the same graph to the same answer; what they hold, show and throw. */
@TimeLimit(seconds = 60)
class SchedulerTest {
    static volatile OverlapProbe probe;

    static Frame query(Path csv) {
        return Dask.readCsv(csv.toString(), 32 * 1024).filter(col("passengers").gt(1)).groupBy("pickup_zone")
                .agg(Agg.mean("fare"), Agg.count("fare"), Agg.max("distance_km"));
    }

    /** synchronous, threads and processes give the same answer, and it is the one-partition answer. */
    @Test
    void theSchedulersAgree(@TempDir Path dir) {
        Path csv = dir.resolve("trips.csv");
        TaxiTrips.write(csv, 300_000, 1);
        Frame q = query(csv);
        assertTrue(q.graph().size() > 10, "several partitions");
        List<List<Object>> sync;
        try (var s = LocalScheduler.synchronous()) {
            sync = q.compute(s).toRows();
        }
        try (var threads = LocalScheduler.threads(2)) {
            assertEquals(sync, q.compute(threads).toRows(), "threads");
        }
        try (var processes = LocalScheduler.processes(2)) {
            assertEquals(sync, q.compute(processes).toRows(), "processes: tasks and partitions pickled both ways");
        }
        var whole = Dask.readCsv(csv.toString()).filter(col("passengers").gt(1)).groupBy("pickup_zone")
                .agg(Agg.mean("fare"), Agg.count("fare"), Agg.max("distance_km")).compute(LocalScheduler.synchronous());
        assertEquals(TaxiTrips.ZONES.size(), whole.rows());
        for (int i = 0; i < whole.rows(); i++) {
            assertEquals((Double) whole.row(i).get(1), (Double) sync.get(i).get(1), 1e-9, "mean of " + whole.row(i).get(0));
            assertEquals(whole.row(i).subList(2, 4), sync.get(i).subList(2, 4));
        }
    }

    static Partition meetTheOther(Partition p) throws InterruptedException {
        probe.arriveAndAwait();
        return p;
    }

    /** Two partitions' tasks are inside at the same time on threads(2). */
    @Test
    void threadsRunTasksAtOnce() {
        probe = new OverlapProbe(2);
        Frame df = FrameTest.frame(2).mapPartitions(SchedulerTest::meetTheOther, FrameTest.TRIPS);
        try (var threads = LocalScheduler.threads(2)) {
            df.count().compute(threads);
        }
        probe.assertOverlapped();
    }

    /**
     * Counts the mapped partitions alive at once: finished, with a user that has not finished yet.
     * Told by the scheduler's loop thread only.
     */
    static final class AlivePartitions implements Scheduler.Callback {
        private final HashMap<String, Integer> usersLeft = new HashMap<>();
        private TaskGraph graph;
        int alive;
        int peak;

        @Override
        public void start(TaskGraph g, int tasks) {
            graph = g;
            g.dependents().forEach((k, users) -> usersLeft.put(k, users.size()));
        }

        @Override
        public void posttask(String key, int done, int total) {
            if (graph.task(key).label().endsWith("map-partitions")) {
                alive++;
                peak = Math.max(peak, alive);
            }
            for (String d : graph.task(key).dependencies()) {
                if (usersLeft.merge(d, -1, Integer::sum) == 0 && graph.task(d).label().endsWith("map-partitions")) {
                    alive--;
                }
            }
        }
    }

    /**
     * 40 mapped partitions feeding two reductions: a partition's users run right after it, so only
     * a few are ever alive — never all 40 — and the loop drops each when both users are done.
     */
    @Test
    void partitionsStreamThrough() {
        Frame base = FrameTest.frame(40).mapPartitions(p -> p, FrameTest.TRIPS);
        var both = new Lazy<?>[] {base.count(), base.groupBy("zone").sum("fare")};
        var graph = Plan.build(List.of(both[0].plan, both[1].plan), List.of(both[0].columns(), both[1].columns()),
                List.of(both[0].keys().getFirst(), both[1].keys().getFirst()));
        var keys = List.copyOf(graph.sinks());
        for (var scheduler : List.of(LocalScheduler.synchronous(), LocalScheduler.threads(2))) {
            try (scheduler) {
                var alive = new AlivePartitions();
                scheduler.get(graph, keys, alive);
                int limit = 2 * scheduler.workers() + 2; // two sent per worker, and the one just finished
                assertTrue(alive.peak <= limit, scheduler.name() + ": " + alive.peak + " mapped partitions were alive at"
                        + " once (limit " + limit + "); each partition's two users should run before the next partitions"
                        + " are read (look at TaskGraph.order)");
                assertEquals(0, alive.alive, "every partition was used up");
                assertTrue(scheduler.peakHeld() < 40, scheduler.name() + " held " + scheduler.peakHeld() + " values");
            }
        }
    }

    /** The first failing task's own exception reaches compute; the scheduler can be used again. */
    @Test
    void aFailingTaskFailsTheComputation() {
        Frame df = FrameTest.frame(6).mapPartitions(p -> {
            if (p.rows() > 0 && p.row(0).equals(FrameTest.ROWS.get(1500))) {
                throw new IllegalStateException("bad partition starting at row 1500");
            }
            return p;
        }, FrameTest.TRIPS);
        try (var threads = LocalScheduler.threads(2)) {
            var e = assertThrows(IllegalStateException.class, () -> df.count().compute(threads));
            assertEquals("bad partition starting at row 1500", e.getMessage());
            assertEquals(3000L, FrameTest.frame(6).count().compute(threads), "still usable");
        }
    }

    /** dask's ProgressBar: redrawn in place, ending on 100%. */
    @Test
    void theProgressBarEndsAtOneHundredPercent() {
        var bytes = new ByteArrayOutputStream();
        try (var out = new PrintStream(bytes, true, StandardCharsets.UTF_8); var s = LocalScheduler.threads(2)) {
            FrameTest.frame(12).groupBy("zone").mean("fare").compute(s, new ProgressBar(out));
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("\r[") && printed.endsWith("] | 100% Completed | " + printed.substring(
                printed.lastIndexOf("| ") + 2)), printed);
        assertTrue(printed.contains("[" + "#".repeat(40) + "] | 100% Completed"), printed);
        assertEquals("[####################                    ] |  50% Completed | 1.50 s", ProgressBar.line(5, 10, 1.5));
    }

    /** While a timeline records, each task is a span named by its key. */
    @Test
    void eachTaskIsATraceSpan() {
        var q = FrameTest.frame(3).groupBy("zone").sum("fare");
        try (var tracer = Tracer.record(); var s = LocalScheduler.threads(2)) {
            q.compute(s);
            var spans = tracer.spans().stream().filter(sp -> "dask task".equals(sp.kind())).map(Span::name).sorted().toList();
            assertEquals(q.graph().tasks().keySet().stream().sorted().toList(), spans);
        }
    }

    /**
     * A scheduler written elsewhere (as a cluster's would be) needs only the public interface: here,
     * the simplest one, running the tasks in the graph's order.
     */
    @Test
    void aSchedulerFromOutsidePlugsIn() {
        Scheduler inOrder = new Scheduler() {
            @Override
            public List<Object> get(TaskGraph graph, List<String> keys, Callback callback) {
                var values = new HashMap<String, Object>();
                var order = new ArrayList<>(graph.tasks().keySet());
                var priority = graph.order(keys);
                order.sort((a, b) -> Integer.compare(priority.get(a), priority.get(b)));
                for (String k : order) {
                    Task t = graph.task(k);
                    try {
                        values.put(k, Scheduler.run(t, t.dependencies().stream().map(values::get).toList()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return keys.stream().map(values::get).toList();
            }

            @Override
            public String name() {
                return "in-order";
            }
        };
        var q = FrameTest.frame(20).groupBy("zone").agg(Agg.sum("passengers"), Agg.count("fare"));
        try (var s = LocalScheduler.synchronous()) {
            assertEquals(q.compute(s).toRows(), q.compute(inOrder).toRows());
        }
    }
}
