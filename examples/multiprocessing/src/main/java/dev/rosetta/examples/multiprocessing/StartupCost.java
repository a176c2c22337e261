package dev.rosetta.examples.multiprocessing;

import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.multiprocessing.WorkerArchive;
import dev.rosetta.trace.TimelineFlag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A worker is a fresh JVM: where its start-up time goes, and what each remedy buys.
 *
 * <pre>
 * import multiprocessing as mp, time
 * for method in ("fork", "spawn"):
 *     ctx = mp.get_context(method)
 *     t = time.perf_counter()
 *     with ctx.Pool(2) as pool:                  # fork: a copy of this process, ~20 ms here
 *         pool.map(abs, [0, 1])                  # spawn: a new interpreter that imports, ~81 ms
 *     print(method, time.perf_counter() - t)
 * </pre>
 *
 * Java has no {@code fork}: every worker is {@code spawn}, a new JVM that boots, loads and links
 * its classes, and only then answers. The breakdown reads each worker's {@code -Xlog:class+init}
 * with {@code timenanos} stamps, the same clock as this JVM's {@code System.nanoTime()} (on
 * Linux), so the phases line up with the moment {@code new Pool} was called. Logging costs the
 * workers a few per cent; the remedies are timed without it, on {@code new Pool(2)}, round-robin
 * so that a busy machine slows them all alike. Medians after one warm-up; the first argument
 * sets how many runs (default 5).
 */
public final class StartupCost {
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ns] \\d+ Initializing '([^']+)'");
    private static final String[] MARKS = {"dev/rosetta/multiprocessing/WorkerMain",
            "dev/rosetta/multiprocessing/Message$Start", "dev/rosetta/multiprocessing/Message$Ready"};
    private static final String[] PHASES = {
            "launch: fork/exec, libjvm, heap, map the CDS archive",
            "JDK boot: java.lang, module system, class loader",
            "worker main -> Start read: streams, allow-list filter",
            "Start -> Ready: record read back, pattern switch",
            "Ready written -> the pool has it"};

    private StartupCost() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, StartupCost::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        boolean archive = WorkerArchive.awaitArchive(Pool.Options.processes(2), Duration.ofSeconds(60));
        String before = System.getProperty("rosetta.workerCache");
        try {
            for (boolean warm : archive ? new boolean[] {false, true} : new boolean[] {false}) {
                System.out.println(warm ? "\nwith the workers' CDS archive (the default once it exists):"
                        : "without an archive (a first start, or rosetta.workerCache=off):");
                setArchive(warm, before);
                printBreakdown(runs);
            }
            System.out.printf(Locale.ROOT, "%nwhat each option buys: new Pool(2) until both are ready, median of %d%n", runs);
            printLevers(runs, archive, before);
        } finally {
            setArchive(true, before);
        }
        System.out.println("\nkept: -XX:+UseSerialGC, -Xshare:auto, -XX:-UsePerfData and the archive;"
                + " not kept: -XX:TieredStopAtLevel=1 (CPU-bound tasks need C2)");
    }

    private static void printBreakdown(int runs) throws Exception {
        System.out.printf(Locale.ROOT, "  %-55s %11s %11s %9s%n", "phase (median ms)", "1 worker", "2 at once", "classes");
        double[][] one = breakdown(1, runs);
        double[][] two = breakdown(2, runs);
        for (int p = 0; p < PHASES.length; p++) {
            System.out.printf(Locale.ROOT, "  %-55s %11.1f %11.1f %9s%n", PHASES[p], one[0][p], two[0][p],
                    p >= 1 && p <= 3 ? String.valueOf((long) one[1][p]) : "");
        }
        System.out.printf(Locale.ROOT, "  %-55s %11.1f %11.1f %9d%n", "total: new Pool(n) until every worker is ready",
                one[0][PHASES.length], two[0][PHASES.length], (long) one[1][PHASES.length]);
    }

    /** [0]: median ms per phase (mean over the workers of a run) and the total; [1]: classes initialised per phase (median). */
    private static double[][] breakdown(int workers, int runs) throws Exception {
        Path logs = Files.createTempDirectory("rosetta-startup");
        try {
            var samples = new ArrayList<double[][]>();
            for (int run = -1; run < runs; run++) {
                var options = Pool.Options.processes(workers)
                        .jvmOptions("-Xlog:class+init=info:file=" + logs.resolve("w%p.log") + ":timenanos");
                long start = System.nanoTime();
                long ready;
                List<Long> pids;
                try (var pool = new Pool(options)) {
                    ready = System.nanoTime();
                    pids = pool.workerPids();
                }
                if (run >= 0) {
                    samples.add(phases(logs, pids, start, ready));
                }
                clear(logs);
            }
            double[][] median = new double[2][PHASES.length + 1];
            for (int i = 0; i < 2; i++) {
                for (int p = 0; p <= PHASES.length; p++) {
                    final int row = i;
                    final int phase = p;
                    median[i][p] = median(samples.stream().mapToDouble(s -> s[row][phase]).toArray());
                }
            }
            return median;
        } finally {
            clear(logs);
            Files.deleteIfExists(logs);
        }
    }

    /** One run: the phases of each worker, averaged, and the classes each phase initialised. */
    private static double[][] phases(Path logs, List<Long> pids, long start, long ready) throws IOException {
        double[][] sum = new double[2][PHASES.length + 1];
        for (long pid : pids) {
            long[] at = new long[MARKS.length + 1];
            long[] count = new long[MARKS.length + 2]; // per segment between marks, and the total
            int mark = -1;
            for (String line : Files.readAllLines(logs.resolve("w" + pid + ".log"))) {
                Matcher m = LINE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                if (mark == -1) {
                    at[0] = Long.parseLong(m.group(1));
                    mark = 0;
                }
                if (mark < MARKS.length && m.group(2).equals(MARKS[mark])) {
                    at[++mark] = Long.parseLong(m.group(1));
                }
                count[mark]++;
                count[MARKS.length + 1]++;
            }
            long[] edges = {start, at[0], at[1], at[2], at[3], ready};
            for (int p = 0; p < PHASES.length; p++) {
                sum[0][p] += (edges[p + 1] - edges[p]) / 1e6 / pids.size();
                if (p >= 1 && p < 4) {
                    sum[1][p] += (double) count[p - 1] / pids.size();
                }
            }
            sum[1][PHASES.length] += (double) count[MARKS.length + 1] / pids.size();
        }
        sum[0][PHASES.length] = (ready - start) / 1e6;
        return sum;
    }

    private static void printLevers(int runs, boolean archive, String before) throws Exception {
        var levers = new LinkedHashMap<String, List<String>>();
        levers.put("the starting point: -XX:+UseSerialGC -Xshare:auto", List.of("-XX:+UsePerfData"));
        levers.put("+ -XX:-UsePerfData (no hsperfdata file)", List.of());
        levers.put("- the JDK's own CDS archive (-Xshare:off)", List.of("-Xshare:off"));
        levers.put("+ -XX:TieredStopAtLevel=1 (C1 only: NOT kept)", List.of("-XX:TieredStopAtLevel=1"));
        if (archive) {
            levers.put("+ the workers' dynamic CDS archive (kept)", List.of());
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        levers.keySet().forEach(k -> times.put(k, new ArrayList<>()));
        for (int run = -1; run < runs; run++) {
            for (var lever : levers.entrySet()) {
                setArchive(lever.getKey().contains("archive (kept)"), before);
                var options = Pool.Options.processes(2).jvmOptions(lever.getValue().toArray(String[]::new));
                long start = System.nanoTime();
                try (var pool = new Pool(options)) {
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (run >= 0) {
                        times.get(lever.getKey()).add(ms);
                    }
                    pool.map(x -> x, List.of(0, 1));
                }
            }
        }
        for (var entry : times.entrySet()) {
            System.out.printf(Locale.ROOT, "  %-55s %8.1f ms%n", entry.getKey(),
                    median(entry.getValue().stream().mapToDouble(Double::doubleValue).toArray()));
        }
        if (!archive) {
            System.out.println("  (no workers' archive here: switched off, or this class path cannot have one;"
                    + " see WorkerArchive)");
        }
    }

    private static void setArchive(boolean on, String before) {
        if (!on) {
            System.setProperty("rosetta.workerCache", "off");
        } else if (before == null) {
            System.clearProperty("rosetta.workerCache");
        } else {
            System.setProperty("rosetta.workerCache", before);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void clear(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
