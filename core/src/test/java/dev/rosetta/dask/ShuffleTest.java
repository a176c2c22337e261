package dev.rosetta.dask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sortValues: a range shuffle gives exactly what one stable sort of all the rows gives, on every
 * scheduler, whatever the skew; it spills past its memory limit and leaves no file behind.
 */
@TimeLimit(seconds = 90)
class ShuffleTest {
    static final Schema SCHEMA = Schema.of("id", DType.LONG, "skewed", DType.LONG, "fare", DType.DOUBLE,
            "zone", DType.STRING, "card", DType.BOOLEAN);

    @TempDir
    Path spill;

    /**
     * Rows in partitions of uneven sizes, one of them empty: {@code skewed} piles up near 0 (a few
     * values hold most rows), {@code fare} is 7.5 in most rows and sometimes null or NaN, {@code zone}
     * is one of a few strings or null.
     */
    static List<Partition> partitions(long seed) {
        var random = new SplittableRandom(seed);
        var parts = new ArrayList<Partition>();
        int id = 0;
        for (int size : new int[] {500, 0, 1_700, 40, 900, 1_200}) {
            var rows = new ArrayList<List<Object>>();
            for (int r = 0; r < size; r++) {
                long skewed = (long) Math.floor(Math.pow(random.nextDouble(), 6) * 1_000);
                int f = random.nextInt(20);
                Double fare = f == 0 ? null : f == 1 ? Double.NaN : f < 15 ? 7.5 : Math.round(random.nextDouble() * 5000) / 100.0;
                String zone = random.nextInt(10) == 0 ? null : TaxiTrips.ZONES.get(random.nextInt(4));
                rows.add(Arrays.asList((long) id++, skewed, fare, zone, random.nextBoolean()));
            }
            parts.add(Partition.ofRows(SCHEMA, rows));
        }
        return parts;
    }

    /** What pandas' {@code sort_values(kind="stable")} gives on all the rows at once. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<List<Object>> stableSort(List<Partition> parts, String column, boolean ascending, NaPosition na) {
        int c = SCHEMA.indexOf(column);
        var rows = new ArrayList<List<Object>>();
        parts.forEach(p -> rows.addAll(p.toRows()));
        Comparator<Object> values = (a, b) -> ((Comparable) a).compareTo(b);
        Comparator<Object> direction = ascending ? values : values.reversed();
        Comparator<List<Object>> order = (x, y) -> {
            boolean mx = missing(x.get(c));
            boolean my = missing(y.get(c));
            if (mx || my) {
                return mx == my ? 0 : (mx == (na == NaPosition.FIRST)) ? -1 : 1;
            }
            return direction.compare(x.get(c), y.get(c));
        };
        rows.sort(order);
        return rows;
    }

    private static boolean missing(Object v) {
        return v == null || (v instanceof Double d && d.isNaN());
    }

    /** The same rows, in the same order, as one stable sort: for every column type, both directions, both null places. */
    @Test
    void aShuffleSortsAsOneStableSortDoes() {
        var parts = partitions(1);
        Frame df = Dask.fromPartitions(parts);
        try (var threads = LocalScheduler.threads(2)) {
            for (String column : List.of("skewed", "fare", "zone", "card", "id")) {
                for (boolean ascending : new boolean[] {true, false}) {
                    for (NaPosition na : NaPosition.values()) {
                        Frame sorted = df.sortValues(column, ascending, na, Shuffle.memoryLimit(16 * 1024).in(spill));
                        assertEquals(df.npartitions(), sorted.npartitions());
                        assertEquals(stableSort(parts, column, ascending, na), sorted.compute(threads).toRows(),
                                "sort_values('" + column + "', ascending=" + ascending + ", na_position=" + na
                                        + ") must equal one stable sort of every row: same rows, in order, ties in input order");
                    }
                }
            }
        }
    }

    /** synchronous, threads and processes (every task, sample and bucket pickled) give the same sorted rows. */
    @Test
    void everySchedulerSortsAlike() throws IOException {
        var parts = partitions(2);
        Frame sorted = Dask.fromPartitions(parts).sortValues("fare", true, NaPosition.LAST, Shuffle.disk().in(spill));
        var expected = stableSort(parts, "fare", true, NaPosition.LAST);
        try (var sync = LocalScheduler.synchronous()) {
            assertEquals(expected, sorted.compute(sync).toRows(), "synchronous");
        }
        try (var threads = LocalScheduler.threads(2)) {
            assertEquals(expected, sorted.compute(threads).toRows(), "threads");
        }
        try (var processes = LocalScheduler.processes(2)) {
            assertEquals(expected, sorted.compute(processes).toRows(), "processes: the spill files are shared on disk");
        }
        assertEquals(List.of(), entries(spill), "no spill directory is left behind");
    }

    /**
     * One value in most rows: the divisions repeat it, the partitions between are empty, and the
     * partitions still come in order (each one's values no smaller than the one before's).
     */
    @Test
    void duplicateHeavyDataLeavesEmptyPartitionsInOrder() {
        var rows = new ArrayList<List<Object>>();
        for (int i = 0; i < 4_000; i++) {
            rows.add(Arrays.asList((long) i, i % 50 == 0 ? (long) i : 3L, 1.0, "z", true));
        }
        Frame sorted = Dask.fromRows(SCHEMA, rows, 8).sortValues("skewed", true, NaPosition.LAST, Shuffle.tasks());
        List<Object> partitions;
        try (var sync = LocalScheduler.synchronous()) {
            partitions = sorted.graph().run(sync, sorted.keys(), Scheduler.Callback.NONE);
        }
        int empty = 0;
        int total = 0;
        long previous = Long.MIN_VALUE;
        for (int j = 0; j < partitions.size(); j++) {
            var p = (Partition) partitions.get(j);
            total += p.rows();
            empty += p.rows() == 0 ? 1 : 0;
            for (int i = 0; i < p.rows(); i++) {
                long v = (Long) p.column("skewed").get(i);
                assertTrue(v >= previous, "partition " + j + ", row " + i + ": " + v + " comes after " + previous);
                previous = v;
            }
        }
        assertEquals(4_000, total, "every row arrives once");
        assertTrue(empty >= 4, "3 fills 98% of the rows, so most ranges between repeated divisions are empty: " + empty);
    }

    /** Only empty partitions: an empty result of the same columns. */
    @Test
    void emptyPartitionsSortToAnEmptyFrame() {
        var df = Dask.fromPartitions(List.of(Partition.empty(SCHEMA), Partition.empty(SCHEMA)));
        Partition out = df.sortValues("zone").compute(LocalScheduler.synchronous());
        assertEquals(0, out.rows());
        assertEquals(SCHEMA, out.schema());
    }

    /** More bytes than the memory limit: buckets are written to files, and none is left when compute returns. */
    @Test
    void pastItsMemoryLimitAShuffleSpillsAndCleansUp() throws IOException {
        var parts = partitions(3);
        long before = Shuffle.filesWritten();
        Frame sorted = Dask.fromPartitions(parts).sortValues("skewed", true, NaPosition.LAST, Shuffle.memoryLimit(4 * 1024).in(spill));
        assertEquals(before, Shuffle.filesWritten(), "building the query writes nothing: it is lazy");
        try (var threads = LocalScheduler.threads(2)) {
            assertEquals(stableSort(parts, "skewed", true, NaPosition.LAST), sorted.compute(threads).toRows());
        }
        assertTrue(Shuffle.filesWritten() - before >= parts.size(), "about 230 KB of rows through a 4 KB limit: every"
                + " split task spills; files written: " + (Shuffle.filesWritten() - before));
        assertEquals(List.of(), entries(spill), "the spill directory and its files are removed after compute");

        long unlimited = Shuffle.filesWritten();
        Dask.fromPartitions(parts).sortValues("skewed", true, NaPosition.LAST, Shuffle.tasks().in(spill))
                .compute(LocalScheduler.synchronous());
        assertEquals(unlimited, Shuffle.filesWritten(), "Shuffle.tasks() keeps every bucket in memory");
    }

    /** A task that fails after the buckets were spilled: the error comes through, and the files are removed anyway. */
    @Test
    void spillFilesAreRemovedWhenATaskFails() throws IOException {
        Frame failing = Dask.fromPartitions(partitions(4)).sortValues("id", true, NaPosition.LAST, Shuffle.disk().in(spill))
                .mapPartitions(p -> {
                    if (p.rows() > 0 && (Long) p.column("id").get(0) > 2_000) {
                        throw new IllegalStateException("boom in a sorted partition");
                    }
                    return p;
                }, SCHEMA);
        long before = Shuffle.filesWritten();
        try (var threads = LocalScheduler.threads(2)) {
            var e = assertThrows(IllegalStateException.class, () -> failing.compute(threads));
            assertEquals("boom in a sorted partition", e.getMessage());
        }
        assertTrue(Shuffle.filesWritten() > before, "the buckets were spilled before the failure");
        assertEquals(List.of(), entries(spill), "nothing is left in the spill directory after a failure");
    }

    /** An unknown column fails when the query is built, naming the columns there are. */
    @Test
    void anUnknownColumnFailsWhenTheQueryIsBuilt() {
        Frame df = Dask.fromPartitions(partitions(5));
        var e = assertThrows(IllegalArgumentException.class, () -> df.sortValues("price"));
        assertTrue(e.getMessage().contains("no column 'price'; the columns are [id, skewed, fare, zone, card]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shuffle.memoryLimit(-1));
    }

    /** The graph: samples of the sort column, the divisions, the second reading gated on them, splits, sorts. */
    @Test
    void theGraphShowsTheShuffleStages(@TempDir Path dir) {
        Path csv = dir.resolve("trips.csv");
        TaxiTrips.write(csv, 200_000, 9);
        Frame df = Dask.readCsv(csv.toString(), 50_000);
        Frame sorted = df.sortValues("fare").select("fare", "pickup_zone");
        String mermaid = sorted.visualize();
        for (String stage : List.of("read-csv+sort-sample", "sort-divisions", "shuffle-split", "shuffle-sort+select")) {
            assertTrue(mermaid.contains(stage), stage + " in:\n" + mermaid);
        }
        var graph = sorted.graph();
        String divisions = graph.tasks().keySet().stream().filter(k -> k.contains("-divisions")).findFirst().orElseThrow();
        long gated = graph.tasks().values().stream().filter(t -> t.key().contains("-read'") && t.dependencies().equals(List.of(divisions))).count();
        assertEquals(df.npartitions(), gated, "every second reading waits for the divisions");
        Partition all = df.select("fare", "pickup_zone").compute(LocalScheduler.synchronous());
        var expected = new ArrayList<>(all.toRows());
        expected.sort(Comparator.comparing(r -> (Double) r.get(0)));
        try (var threads = LocalScheduler.threads(2)) {
            assertEquals(expected, sorted.compute(threads).toRows(), "sorted from the CSV, only the columns used");
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
