package dev.rosetta.examples.dask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.PrintedOutput;
import dev.rosetta.testkit.TimeLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example main runs and prints what its javadoc says (facts and structure, never speed). */
@TimeLimit(seconds = 120)
class ExamplesTest {

    @Test
    void taxiQuery() throws Throwable {
        String out = PrintedOutput.ofMain(TaxiQuery.class, "2");
        assertTrue(out.contains("2 partitions, {trip_id: long, pickup_zone: string, dropoff_zone: string, passengers: long,"
                + " distance_km: double, fare: double, tip: double, paid_by_card: boolean}"), out);
        assertTrue(out.contains("built, not run: Frame groupby-"), out);
        assertTrue(out.contains("] | 100% Completed | "), out);
        assertTrue(out.contains("      Harlem, East  "), "the quoted zone is one value: " + out);
        assertTrue(out.contains("pickup_zone  fare_mean"), out);
        assertTrue(out.contains("trips with more than one passenger: "), out);
    }

    @Test
    void taskGraphDrawn(@TempDir Path dir) throws Throwable {
        String out = PrintedOutput.ofMain(TaskGraphDrawn.class, dir.resolve("graph.dot").toString());
        assertTrue(out.contains("tasks after fusion:\nflowchart BT\n"), out);
        assertTrue(out.contains("[\"read-csv+filter+groupby-chunk<br/>"), out);
        assertTrue(out.contains("groupby-combine") && out.contains("groupby-agg"), "10 partitions: a combine level: " + out);
        assertTrue(Files.readString(dir.resolve("graph.dot")).startsWith("digraph dask {"));
    }

    @Test
    void schedulersCompared() throws Throwable {
        String out = PrintedOutput.ofMain(SchedulersCompared.class, "3");
        assertTrue(out.contains("synchronous ") && out.contains("threads ") && out.contains("processes "), out);
        assertTrue(out.contains("the same answer on every scheduler: 1 distinct of 3"), out);
        assertTrue(out.contains("per task on threads(2): "), out);
    }

    /** Two member JVMs start, run the query, agree with the threads scheduler, and are stopped. */
    @Test
    @TimeLimit(seconds = 240)
    void distributedQuery() throws Throwable {
        String out = PrintedOutput.ofMain(DistributedQuery.class, "2");
        assertTrue(out.contains("threads(2): "), out);
        assertTrue(out.matches("(?s).*cluster of 2 members up in [0-9.]+ s: \\[member-1 \\(pid \\d+\\), member-2 \\(pid \\d+\\)\\].*"), out);
        assertTrue(out.contains("] | 100% Completed | "), "the progress bar should reach 100%: " + out);
        assertTrue(out.contains("pickup_zone  fare_mean"), out);
        assertTrue(out.matches("(?s).*sent \\d+ tasks in \\d+ messages; released [1-9]\\d* intermediate values from the members' memory.*"), out);
        assertTrue(out.contains("distributed: ") && out.contains(" MB/s (the second run"), out);
        assertTrue(out.contains("the same answer on threads and on the cluster: true"), out);
        assertTrue(out.endsWith("cluster stopped: no member left running\n"), out);
    }

    @Test
    void dtypeErrorNamesItsRow() throws Throwable {
        String out = PrintedOutput.ofMain(DtypeError.class);
        assertTrue(out.contains("inferred: {trip_id: long, passengers: long}"), out);
        assertTrue(out.contains("CsvError: late.csv, line 41,236, column 'passengers': value '2.5' is not a long"), out);
        assertTrue(out.contains("with dtype passengers=double: {trip_id: long, passengers: double}"), out);
        assertTrue(out.contains("\n       2.5              1\n"), out);
    }

    /** In a child JVM with an 8 MB heap: 4 times the heap streams through; the eager read runs out of memory. */
    @Test
    void outOfCoreUnderASmallHeap(@TempDir Path dir) throws Exception {
        String out = runInChild(List.of("-Xmx8m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + dir), OutOfCore.class, "4", "256");
        assertTrue(out.contains("in partitions: 24 zones from "), out);
        assertTrue(out.contains("eager, the whole file as one partition (pandas.read_csv): OutOfMemoryError"), out);
        double ratio = Double.parseDouble(out.replaceAll("(?s).*= ([0-9.]+) x the heap.*", "$1"));
        assertTrue(ratio >= 3.5, "the CSV is several times the heap: " + out);
    }

    /** What {@code main} prints in a child JVM started with {@code jvmOptions}; it must end, and exit 0. */
    private static String runInChild(List<String> jvmOptions, Class<?> main, String... args) throws Exception {
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(child.getInputStream().readAllBytes());
            assertTrue(child.waitFor(100, TimeUnit.SECONDS), "the child JVM did not end: " + out);
            assertEquals(0, child.exitValue(), out);
            return out;
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** In a child JVM with a 16 MB heap: a CSV twice the heap sorts through spill files, and none is left. */
    @Test
    void sortLargerThanTheHeap(@TempDir Path dir) throws Exception {
        String out = runInChild(List.of("-Xmx16m", "-Djava.io.tmpdir=" + dir), SortLargerThanHeap.class, "2", "1024");
        assertTrue(out.matches("(?s).*sorted \\d+ MB of CSV = [2-9]\\.\\d x the heap, in \\d+ partitions.*"), out);
        assertTrue(out.contains(" rows  first  last  sorted\n"), out);
        var rows = Pattern.compile("rows in: ([\\d,]+); rows out: ([\\d,]+); every partition sorted and"
                + " each after the one before: yes").matcher(out);
        assertTrue(rows.find(), out);
        assertEquals(rows.group(1), rows.group(2), "every row comes out once: " + out);
        var spilled = Pattern.compile("spill files written \\(bucket per input x output partition\\): ([\\d,]+)")
                .matcher(out);
        assertTrue(spilled.find() && Long.parseLong(spilled.group(1).replace(",", "")) > 0, out);
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "the spill directory and the generated CSV are gone");
        }
    }
}
