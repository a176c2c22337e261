package dev.rosetta.examples.dask;

import static dev.rosetta.dask.Expr.col;

import dev.rosetta.dask.Dask;
import dev.rosetta.dask.Frame;
import dev.rosetta.dask.LocalScheduler;
import dev.rosetta.dask.Partition;
import dev.rosetta.dask.Scheduler;
import dev.rosetta.dask.Task;
import dev.rosetta.dask.TaskGraph;
import dev.rosetta.trace.TimelineFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The same graph on the three local schedulers, and what one task costs:
 *
 * <pre>{@code
 * query = df[df.passengers > 1].groupby("pickup_zone").fare.mean()
 * for scheduler in ["synchronous", "threads", "processes"]:
 *     start = time.perf_counter()
 *     result = query.compute(scheduler=scheduler)
 *     print(scheduler, f"{size_mb / (time.perf_counter() - start):.0f} MB/s")
 *
 * tasks = [dask.delayed(lambda: None)() for _ in range(10_000)]
 * dask.compute(*tasks, scheduler="threads")          # ~116-183 µs per task
 * }</pre>
 *
 * The answers are the same; the speeds are printed, never promised (they depend on the machine and
 * its load). Processes pay for sending every partial result through a pipe, and for starting workers.
 * Argument: the CSV's size in MB (default 20).
 */
public final class SchedulersCompared {
    private SchedulersCompared() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, SchedulersCompared::demo);
    }

    private static void demo(String[] args) {
        var csv = Data.trips(args.length > 0 ? Double.parseDouble(args[0]) : 20);
        double mb = Data.megabytes(csv);
        Frame query = Dask.readCsv(csv.toString(), 4 << 20).filter(col("passengers").gt(1))
                .groupBy("pickup_zone").mean("fare");
        var answers = new ArrayList<List<List<Object>>>();
        for (var scheduler : List.of(LocalScheduler.synchronous(), LocalScheduler.threads(2), LocalScheduler.processes(2))) {
            try (scheduler) {
                long start = System.nanoTime();
                Partition result = query.compute(scheduler);
                double seconds = (System.nanoTime() - start) / 1e9;
                answers.add(result.toRows());
                System.out.printf(Locale.ROOT, "%-12s %6.0f MB/s%n", scheduler.name(), mb / seconds);
            }
        }
        System.out.println("the same answer on every scheduler: " + answers.stream().distinct().count() + " distinct of 3");
        System.out.printf(Locale.ROOT, "per task on threads(2): %.1f µs (10,000 no-op tasks)%n", perTaskMicros(10_000));
    }

    /** The loop's cost per task: no-op tasks on threads(2), the best of five runs. */
    static double perTaskMicros(int tasks) {
        var graph = new TaskGraph(IntStream.range(0, tasks)
                .mapToObj(i -> new Task("noop-" + i, List.of(), in -> Boolean.TRUE, "noop")).toList());
        var keys = List.copyOf(graph.tasks().keySet());
        double best = Double.MAX_VALUE;
        try (var threads = LocalScheduler.threads(2)) {
            for (int run = 0; run < 5; run++) {
                long start = System.nanoTime();
                threads.get(graph, keys, Scheduler.Callback.NONE);
                best = Math.min(best, (System.nanoTime() - start) / 1e3 / tasks);
            }
        }
        return best;
    }
}
