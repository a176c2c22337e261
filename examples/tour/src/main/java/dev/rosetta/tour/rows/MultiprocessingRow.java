package dev.rosetta.tour.rows;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.multiprocessing.WorkerArchive;
import dev.rosetta.tour.Figure;
import dev.rosetta.tour.Goal;
import dev.rosetta.tour.Measure;
import dev.rosetta.tour.Readings;
import dev.rosetta.tour.TourRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.Collections;

/**
 * The {@code multiprocessing} row: what a pool of worker processes costs and buys. The figures,
 * their goals and CPython's are declared below, one constant each.
 *
 * <p>{@code pool_start_ms} is taken with the workers' CDS archive, as every pool after the first
 * gets it (the row waits for it to be trained first); {@code pool_start_ms_cold} without it, as
 * the very first pool of a class path starts. {@code crash_survived}: a worker SIGKILLed in the
 * middle of a map, in a pool that retries lost tasks once: nothing hangs, every task of the map
 * is done, the killed task runs again elsewhere.
 */
public final class MultiprocessingRow implements TourRow {
    static final Figure POOL_START_MS = new Figure("pool_start_ms", "ms",
            "new Pool(2) until both workers are ready, with the workers' start-up archive (CDS)",
            Goal.atMost(300), "81 (spawn), 20 (fork)");
    static final Figure POOL_START_MS_COLD = new Figure("pool_start_ms_cold", "ms",
            "the same without the archive, as the first pool of a class path starts: slower than warm",
            Goal.aboveFigure("pool_start_ms"), "—");
    static final Figure PER_TASK_US = new Figure("per_task_us", "µs/task",
            "20,000 no-op tasks through map with chunksize 1: the round trip of one task", Goal.atMost(17), "17–19");
    static final Figure CPU_SPEEDUP = new Figure("cpu_speedup", "×",
            "8 CPU-bound tasks of ~0.2 s on 2 workers vs the same in sequence (limit 2 on 2 cores)",
            Goal.atLeast(1.85), "2.03").withIdeal(2);
    static final Figure CRASH_SURVIVED = new Figure("crash_survived", "true/false",
            "a worker SIGKILLed mid-map: no hang, every task done, the lost one retried", Goal.is(true),
            "false (Pool.map hangs)");

    @Override
    public String name() {
        return "multiprocessing";
    }


    @Override
    public Headline headline() {
        return new Headline("Pool(2).map(spin, 8 CPU-bound tasks of ~50 ms, chunksize=1)",
                "One lane per worker process, named with its pid; a bar per chunk (here one task each)."
                        + " The two workers' bars overlap: two processes, two interpreters, two cores busy at"
                        + " once, the parallelism that threads under the GIL cannot have.",
                () -> {
                    List<Long> tasks = Collections.nCopies(8, calibrate(0.05));
                    try (var pool = new Pool(2)) {
                        pool.map(MultiprocessingRow::spin, tasks, 1);
                    }
                });
    }

    @Override
    public void measure(Readings readings) throws Exception {
        boolean quick = readings.quick();
        readings.begin("training the workers' start-up archive");
        WorkerArchive.awaitArchive(Pool.Options.processes(2), Duration.ofSeconds(60));
        readings.median(POOL_START_MS, 1, 1, quick ? 2 : 5, MultiprocessingRow::poolStartMs);
        withoutArchive(() -> readings.median(POOL_START_MS_COLD, 1, quick ? 0 : 1, quick ? 1 : 5,
                MultiprocessingRow::poolStartMs));
        try (var pool = new Pool(2)) {
            int tasks = quick ? 2_000 : 20_000;
            List<Integer> items = IntStream.range(0, tasks).boxed().toList();
            readings.median(PER_TASK_US, 2, 1, 3, () -> Measure.seconds(() -> pool.map(x -> x, items, 1)) * 1e6 / tasks);
            cpuSpeedup(readings, pool, quick);
        }
        readings.begin(CRASH_SURVIVED.key());
        readings.put(CRASH_SURVIVED, crashSurvived());
    }

    /** Runs {@code measure} with the workers' archive switched off ({@code rosetta.workerCache=off}). */
    private static double withoutArchive(java.util.concurrent.Callable<Double> measure) throws Exception {
        String before = System.getProperty("rosetta.workerCache");
        System.setProperty("rosetta.workerCache", "off");
        try {
            return measure.call();
        } finally {
            if (before == null) {
                System.clearProperty("rosetta.workerCache");
            } else {
                System.setProperty("rosetta.workerCache", before);
            }
        }
    }

    private static double poolStartMs() {
        long start = System.nanoTime();
        var pool = new Pool(2);
        double ms = (System.nanoTime() - start) / 1e6;
        pool.close();
        return ms;
    }

    /** Eight CPU-bound tasks: in sequence here, then on two workers; the ratio of the times. */
    private static void cpuSpeedup(Readings readings, Pool pool, boolean quick) throws Exception {
        long work = calibrate(quick ? 0.02 : 0.2);
        List<Long> tasks = List.of(work, work, work, work, work, work, work, work);
        pool.map(MultiprocessingRow::spin, tasks, 1);
        readings.median(CPU_SPEEDUP, 2, quick ? 0 : 1, quick ? 1 : 5, () -> {
            double sequential = Measure.seconds(() -> tasks.forEach(MultiprocessingRow::spin));
            double parallel = Measure.seconds(() -> pool.map(MultiprocessingRow::spin, tasks, 1));
            return sequential / parallel;
        });
    }

    /** How many spin iterations take about {@code seconds} here (after warming up). */
    private static long calibrate(double seconds) {
        long probe = 2_000_000;
        spin(probe);
        double took = Measure.seconds(() -> spin(probe));
        return Math.max(1, (long) (probe * seconds / took));
    }

    /** Pure CPU: a xorshift walk, its result used so the JIT cannot skip it. */
    static long spin(long iterations) {
        long x = 88172645463325252L;
        for (long i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** SIGKILL the worker holding a slow task in the middle of a map; does everything else finish? */
    private static boolean crashSurvived() throws Exception {
        Path pidFile = Files.createTempFile("rosetta-crash", ".pid");
        Files.delete(pidFile);
        try (var pool = new Pool(Pool.Options.processes(2).retries(1))) {
            AsyncResult<Long> doomed = pool.applyAsync(MultiprocessingRow::sayPidAndWait, pidFile.toString());
            List<Integer> items = IntStream.range(0, 200).boxed().toList();
            var others = pool.imap(x -> x * 2, items, 4);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(pidFile) || Files.size(pidFile) == 0) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.onSpinWait();
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            int done = 0;
            while (others.hasNext()) {
                if (others.next() != 2 * done++) {
                    return false;
                }
            }
            return doomed.get(30, TimeUnit.SECONDS) == SECOND_ATTEMPT && done == items.size();
        } finally {
            Files.deleteIfExists(pidFile);
        }
    }

    private static final long SECOND_ATTEMPT = -1;

    /** First attempt: says its pid and waits to be killed. Second attempt (after the kill): returns at once. */
    private static long sayPidAndWait(String pidFile) throws Exception {
        if (Files.exists(Path.of(pidFile))) {
            return SECOND_ATTEMPT;
        }
        Path tmp = Path.of(pidFile + ".tmp");
        Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
        Files.move(tmp, Path.of(pidFile));
        Thread.sleep(Long.MAX_VALUE);
        return 0;
    }
}
