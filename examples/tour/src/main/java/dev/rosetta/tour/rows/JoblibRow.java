package dev.rosetta.tour.rows;

import static dev.rosetta.joblib.Delayed.delayed;

import dev.rosetta.joblib.Backend;
import dev.rosetta.joblib.Delayed;
import dev.rosetta.joblib.Memory;
import dev.rosetta.joblib.Parallel;
import dev.rosetta.tour.Figure;
import dev.rosetta.tour.Goal;
import dev.rosetta.tour.Measure;
import dev.rosetta.tour.Readings;
import dev.rosetta.tour.TourRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The {@code joblib} row: the tiny-task trap and auto-batching's way out, a CPU-bound speed-up on
 * worker processes, the same work beside a parallel stream, and a {@code Memory} hit.
 *
 * <p>"A plain loop" is the same {@code delayed} calls made one after another in the caller
 * (joblib's {@code n_jobs=1}): the figure is what parallelism adds, not what {@code delayed} costs.
 * Real joblib 1.2.0's own figures, and the machine they were taken on, are in docs/joblib.md (Measured).
 */
public final class JoblibRow implements TourRow {
    static final Figure TINY_TASKS_RATIO = new Figure("tiny_tasks_ratio", "×",
            "100,000 sqrt-sized tasks, n_jobs=2 on threads, batch_size auto ÷ a plain loop of the same calls",
            Goal.atMost(1.5), "376 (threading)");
    static final Figure TINY_TASKS_RATIO_PROCESSES = new Figure("tiny_tasks_ratio_processes", "×",
            "the same on worker processes (loky) ÷ the plain loop", Goal.atMost(3), "65 (loky)");
    static final Figure TINY_TASKS_RATIO_BATCH1 = new Figure("tiny_tasks_ratio_batch1", "×",
            "the same on worker processes with batch_size=1: the trap", Goal.baseline("reported: shows the trap"),
            "3,331 (loky)");
    static final Figure CPU_SPEEDUP = new Figure("cpu_speedup", "×",
            "8 CPU-bound tasks of ~100 ms, sequential ÷ n_jobs=2 on worker processes (limit 2.0)", Goal.atLeast(1.85),
            "see docs/joblib.md").withIdeal(2);
    static final Figure VS_PARALLEL_STREAM = new Figure("vs_parallel_stream", "×",
            "the same 8 tasks: n_jobs=2 on processes ÷ a parallel stream in this JVM", Goal.atMost(1.15), "—");
    static final Figure MEMORY_HIT_MS = new Figure("memory_hit_ms", "ms",
            "Memory.cache(f)(x) answered from the disk cache", Goal.atMost(0.2), "0.61");

    @Override
    public String name() {
        return "joblib";
    }


    static double sqrt(int x) {
        return Math.sqrt(x);
    }

    /** {@code iterations} steps of arithmetic, the same amount every call (no sleeping: CPU-bound). */
    static long burn(long iterations) {
        long x = iterations;
        for (long i = 0; i < iterations; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    /**
     * How many of {@link #burn}'s steps take about {@code millis} in this JVM once it has compiled
     * the loop. Measured, not assumed: a fixed count took 100 ms on one build of the tour and 11 ms
     * on another (the JIT's work differs), and 11 ms tasks measure a pool's overhead, not a speed-up.
     */
    static long iterationsFor(int millis) {
        long probe = 20_000_000L;
        for (int i = 0; i < 3; i++) {
            burn(probe);
        }
        double seconds = Measure.median(Measure.seconds(() -> burn(probe)), Measure.seconds(() -> burn(probe)),
                Measure.seconds(() -> burn(probe)));
        return Math.max(1, (long) (probe * millis / (seconds * 1e3)));
    }

    /**
     * The calls made one after another in this thread, their results kept in a list: joblib's
     * n_jobs=1, Python's {@code [sqrt(i) for i in range(n)]}. Keeping the results is part of the
     * yardstick: {@code Parallel.call} keeps them too, and a loop that drops them lets the JIT
     * skip boxing each result, which no parallel run can.
     */
    private static List<Object> inTurn(List<? extends Delayed<?, ?>> tasks) {
        var results = new ArrayList<Object>(tasks.size());
        try {
            for (Delayed<?, ?> task : tasks) {
                results.add(task.call());
            }
        } catch (Exception e) {
            throw new IllegalStateException("a task of the tour failed: " + e, e);
        }
        return results;
    }

    @Override
    public Headline headline() {
        return new Headline("Parallel(n_jobs=2)(delayed(sqrt)(i) for i in range(20,000)): batch_size='auto'",
                "The bottom lanes are the worker processes: a bar per batch (hover it: its size), inside the"
                        + " chunk that carried it; above them the caller submitting and the pool's result threads."
                        + " The first batches hold one task each and cost a whole round trip; auto-batching doubles"
                        + " the size while batches finish fast, so the bars grow and the trips become few.",
                () -> {
                    var tiny = IntStream.range(0, 20_000).mapToObj(i -> delayed(JoblibRow::sqrt, i)).toList();
                    try (var processes = new Parallel(Parallel.Options.nJobs(2))) {
                        processes.call(tiny);
                    }
                });
    }

    @Override
    public void measure(Readings readings) throws Exception {
        boolean quick = readings.quick();
        int n = quick ? 20_000 : 100_000;
        List<Delayed<Integer, Double>> tiny = IntStream.range(0, n).mapToObj(i -> delayed(JoblibRow::sqrt, i)).toList();
        readings.begin("plain loop");
        double loop = Measure.median(3, quick ? 3 : 9, () -> Measure.seconds(() -> inTurn(tiny)));
        try (var threads = new Parallel(Parallel.Options.nJobs(2).backend(Backend.THREADING))) {
            readings.median(TINY_TASKS_RATIO, 2, 3, quick ? 3 : 9, () -> Measure.seconds(() -> threads.call(tiny)) / loop);
        }
        try (var processes = new Parallel(Parallel.Options.nJobs(2))) {
            readings.median(TINY_TASKS_RATIO_PROCESSES, 1, quick ? 2 : 5, quick ? 3 : 7,
                    () -> Measure.seconds(() -> processes.call(tiny)) / loop);
        }
        try (var batch1 = new Parallel(Parallel.Options.nJobs(2).batchSize(1))) {
            int m = quick ? 2_000 : 10_000; // per task, so a smaller run says the same
            var few = tiny.subList(0, m);
            readings.median(TINY_TASKS_RATIO_BATCH1, 0, 1, quick ? 1 : 3,
                    () -> Measure.seconds(() -> batch1.call(few)) / (loop * m / n));
        }

        long steps = iterationsFor(quick ? 30 : 100);
        var cpu = IntStream.range(0, 8).mapToObj(i -> delayed(JoblibRow::burn, steps)).toList();
        readings.begin("sequential");
        double sequential = Measure.median(1, quick ? 1 : 3, () -> Measure.seconds(() -> inTurn(cpu)));
        try (var processes = new Parallel(Parallel.Options.nJobs(2).batchSize(1))) {
            double parallel = readings.median(CPU_SPEEDUP, 2, 2, quick ? 1 : 5,
                    () -> sequential / Measure.seconds(() -> processes.call(cpu)));
            double parallelSeconds = sequential / parallel;
            readings.median(VS_PARALLEL_STREAM, 2, 1, quick ? 1 : 5, () -> parallelSeconds
                    / Measure.seconds(() -> IntStream.range(0, 8).parallel().mapToLong(i -> burn(steps)).sum()));
        }

        Path dir = Files.createTempDirectory("rosetta-tour-memory-");
        try {
            var memory = new Memory(dir);
            var cached = memory.cache(JoblibRow::sqrt);
            cached.apply(7);
            readings.median(MEMORY_HIT_MS, 3, 200, quick ? 101 : 1_001,
                    () -> Measure.seconds(() -> inTurn(List.of(delayed(cached, 7)))) * 1e3);
            memory.clear();
        } finally {
            Files.deleteIfExists(dir);
        }
    }
}
