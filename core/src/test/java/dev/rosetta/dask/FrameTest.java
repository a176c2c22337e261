package dev.rosetta.dask;

import static dev.rosetta.dask.Expr.col;
import static dev.rosetta.dask.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each operation against the same computation done on plain lists in memory. */
@TimeLimit(seconds = 30)
class FrameTest {
    static final Schema TRIPS = Schema.of("zone", DType.STRING, "passengers", DType.LONG, "fare", DType.DOUBLE,
            "card", DType.BOOLEAN);
    static final List<List<Object>> ROWS = rows(3_000);
    static final AtomicInteger CALLS = new AtomicInteger();

    static List<List<Object>> rows(int n) {
        var random = new SplittableRandom(7);
        var rows = new ArrayList<List<Object>>();
        for (int i = 0; i < n; i++) {
            String zone = random.nextInt(50) == 0 ? null : "z" + random.nextInt(12);
            Double fare = random.nextInt(20) == 0 ? null : Math.round(random.nextDouble() * 5000) / 100.0;
            rows.add(Arrays.asList(zone, (long) random.nextInt(1, 7), fare, random.nextBoolean()));
        }
        return rows;
    }

    static Frame frame(int npartitions) {
        return Dask.fromRows(TRIPS, ROWS, npartitions);
    }

    static Partition sync(Lazy<Partition> lazy) {
        try (var s = LocalScheduler.synchronous()) {
            return lazy.compute(s);
        }
    }

    @Test
    void selectFilterAndWithColumnMatchPlainLists() {
        Partition p = sync(frame(7).filter(col("passengers").gt(2).and(col("fare").lt(30)))
                .withColumn("per_head", col("fare").div(col("passengers")))
                .select("zone", "per_head"));
        var expected = ROWS.stream()
                .filter(r -> (Long) r.get(1) > 2 && r.get(2) != null && (Double) r.get(2) < 30)
                .map(r -> Arrays.asList(r.get(0), (Double) r.get(2) / (Long) r.get(1)))
                .toList();
        assertEquals(Schema.of("zone", DType.STRING, "per_head", DType.DOUBLE), p.schema());
        assertEquals(expected, p.toRows());
    }

    @Test
    void longArithmeticStaysLongAndNullsPropagate() {
        Partition p = sync(frame(3).withColumn("p2", col("passengers").times(2).plus(1)).withColumn("f2", col("fare").plus(1))
                .select("p2", "f2"));
        assertEquals(DType.LONG, p.schema().dtype("p2"));
        for (int i = 0; i < ROWS.size(); i++) {
            assertEquals((Long) ROWS.get(i).get(1) * 2 + 1, p.row(i).get(0));
            assertEquals(ROWS.get(i).get(2) == null ? null : (Double) ROWS.get(i).get(2) + 1, p.row(i).get(1));
        }
    }

    @Test
    void mapPartitionsHeadAndCount() {
        Frame doubled = frame(5).mapPartitions(p -> p.withColumn("fare", col("fare").times(2.0).eval(p)));
        assertEquals(TRIPS, doubled.schema(), "meta learned from a call on an empty partition");
        Partition head = doubled.head(1000);
        assertEquals(1000, head.rows(), "head crosses partitions (600 rows each) until it has enough");
        assertEquals(ROWS.get(999).get(2) == null ? null : (Double) ROWS.get(999).get(2) * 2, head.row(999).get(2));
        try (var s = LocalScheduler.synchronous()) {
            assertEquals((long) ROWS.size(), frame(9).count().compute(s));
            long bigFares = ROWS.stream().filter(r -> r.get(2) != null && (Double) r.get(2) > 25).count();
            assertEquals(bigFares, frame(9).filter(col("fare").gt(25)).count().compute(s));
        }
    }

    /** sum, mean, count, min and max per group, as pandas computes them (nulls skipped, null keys dropped). */
    static Map<String, List<Object>> expectedGroups() {
        var groups = ROWS.stream().filter(r -> r.get(0) != null)
                .collect(Collectors.groupingBy(r -> (String) r.get(0), TreeMap::new, Collectors.toList()));
        var out = new TreeMap<String, List<Object>>();
        groups.forEach((zone, rs) -> {
            var fares = rs.stream().map(r -> (Double) r.get(2)).filter(Objects::nonNull).toList();
            double sum = fares.stream().mapToDouble(Double::doubleValue).sum();
            out.put(zone, Arrays.asList(sum, fares.isEmpty() ? null : sum / fares.size(), (long) fares.size(),
                    fares.stream().min(Comparator.naturalOrder()).orElse(null),
                    fares.stream().max(Comparator.naturalOrder()).orElse(null),
                    rs.stream().mapToLong(r -> (Long) r.get(1)).sum()));
        });
        return out;
    }

    /** The same groups for 1, 3, 8, 9 and 40 partitions: 40 needs a combine level (split_every=8). */
    @Test
    void groupByIsTheSameForAnyPartitioning() {
        var expected = expectedGroups();
        for (int n : new int[] {1, 3, 8, 9, 40}) {
            Partition p = sync(frame(n).groupBy("zone").agg(Agg.sum("fare"), Agg.mean("fare"), Agg.count("fare"),
                    Agg.min("fare"), Agg.max("fare"), Agg.sum("passengers")));
            assertEquals(List.of("zone", "fare_sum", "fare_mean", "fare_count", "fare_min", "fare_max", "passengers_sum"),
                    p.schema().names());
            assertEquals(List.copyOf(expected.keySet()), p.toRows().stream().map(r -> r.getFirst()).toList(),
                    n + " partitions: one row per zone, sorted, the null zone dropped");
            for (List<Object> row : p.toRows()) {
                var want = expected.get((String) row.getFirst());
                for (int c = 0; c < want.size(); c++) {
                    Object got = row.get(c + 1);
                    if (want.get(c) instanceof Double d) {
                        assertEquals(d, (Double) got, 1e-9 * Math.abs(d), n + " partitions, " + row.getFirst() + " "
                                + p.schema().names().get(c + 1));
                    } else {
                        assertEquals(want.get(c), got, n + " partitions, " + row.getFirst());
                    }
                }
            }
        }
    }

    /** 40 partitions give 5 combine tasks of 8 and one aggregate: the tree of split_every=8. */
    @Test
    void groupByIsATreeReduction() {
        var graph = frame(40).groupBy("zone").mean("fare").graph();
        var labels = graph.tasks().values().stream().collect(Collectors.groupingBy(Task::label, Collectors.counting()));
        assertEquals(Map.of("from-pandas+groupby-chunk", 40L, "groupby-combine", 5L, "groupby-agg", 1L), labels);
        assertTrue(graph.tasks().values().stream().allMatch(t -> t.dependencies().size() <= 8), graph.toString());
    }

    static Partition counted(Partition p) {
        CALLS.incrementAndGet();
        return p;
    }

    /** Two results that share a step, computed together, run it once per partition. */
    @Test
    void aSharedSubexpressionIsComputedOnce() {
        Frame base = frame(6).mapPartitions(FrameTest::counted, TRIPS);
        var busy = base.filter(col("passengers").ge(3)).count();
        var means = base.groupBy("zone").mean("fare");
        CALLS.set(0);
        try (var s = LocalScheduler.threads(2)) {
            var both = Dask.compute(s, busy, means);
            assertEquals(6, CALLS.get(), "6 partitions, each mapped once for both results");
            assertEquals(ROWS.stream().filter(r -> (Long) r.get(1) >= 3).count(), both.get(0));
            CALLS.set(0);
            busy.compute(s);
            means.compute(s);
            assertEquals(12, CALLS.get(), "computed apart, each result maps every partition again");
        }
        Frame df = frame(2);
        assertEquals(df.filter(col("fare").gt(1)).name(), df.filter(col("fare").gt(1)).name(),
                "equal queries built twice have equal keys");
        assertNotEquals(df.filter(col("fare").gt(1)).name(), df.filter(col("fare").gt(2)).name());
    }

    /** Per-partition chains become one task each; only the columns used are read. */
    @Test
    void chainsAreFused() {
        var graph = frame(4).filter(col("fare").gt(1)).withColumn("x", col("fare").times(2)).select("x").graph();
        assertEquals(4, graph.size(), graph.toString());
        assertTrue(graph.tasks().values().stream().allMatch(t -> t.label().equals("from-pandas+filter+assign+select")),
                graph.toString());
        String mermaid = frame(2).groupBy("zone").sum("fare").visualize();
        assertTrue(mermaid.startsWith("flowchart BT\n") && mermaid.contains(" --> "), mermaid);
        String dot = frame(2).groupBy("zone").sum("fare").graph().dot();
        assertTrue(dot.startsWith("digraph dask {") && dot.contains(" -> ") && dot.contains("groupby-agg"), dot);
    }

    /** persist computes once; queries on the persisted frame start from memory and agree. */
    @Test
    void persistKeepsThePartitions() {
        CALLS.set(0);
        Frame mapped = frame(4).mapPartitions(FrameTest::counted, TRIPS);
        try (var s = LocalScheduler.synchronous()) {
            Frame kept = mapped.persist(s);
            assertEquals(4, CALLS.get());
            assertEquals(sync(mapped.groupBy("zone").sum("passengers")).toRows(),
                    sync(kept.groupBy("zone").sum("passengers")).toRows());
            sync(kept);
            assertEquals(8, CALLS.get(), "only the un-persisted query mapped again");
            assertTrue(kept.graph().tasks().values().stream().allMatch(t -> t.label().equals("persist")));
        }
    }

    private static void assertMessage(String expected, Executable build) {
        var e = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(e.getMessage().contains(expected), "expected «" + expected + "» in: " + e.getMessage());
    }

    /** Unknown columns and type mismatches fail when the query is built, naming what exists. */
    @Test
    void badQueriesFailWhenBuilt() {
        Frame df = frame(2);
        String columns = "the columns are [zone, passengers, fare, card]";
        assertMessage("no column 'fares'; " + columns, () -> df.select("zone", "fares"));
        assertMessage("no column 'pasengers'; " + columns, () -> df.filter(col("pasengers").gt(1)));
        assertMessage("no column 'zones'; " + columns, () -> df.groupBy("zones"));
        assertMessage("no column 'tip'; " + columns, () -> df.groupBy("zone").mean("tip"));
        assertMessage("cannot compare zone (string) > 1 (long)", () -> df.filter(col("zone").gt(1)));
        assertMessage("unsupported operand types for +: zone (string) and 1 (long)",
                () -> df.withColumn("z", col("zone").plus(1)));
        assertMessage("filter needs a boolean expression, but (fare * 2) is double", () -> df.filter(col("fare").times(2)));
        assertMessage("mean of 'zone' (string)", () -> df.groupBy("card").mean("zone"));
        assertMessage("a literal is a Long, Integer, Double, String or Boolean", () -> lit(new Object()));
    }

    interface Executable {
        void run();
    }
}
