package dev.rosetta.tour.rows;

import dev.rosetta.futures.Futures;
import dev.rosetta.futures.ProcessPoolExecutor;
import dev.rosetta.tour.Measure;
import dev.rosetta.tour.TourRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * The {@code concurrent.futures} row: what a future costs, on threads and on processes.
 *
 * <ul>
 *   <li>{@code per_task_us}: submit + asCompleted, 100,000 trivial tasks, a 2-thread pool (CPython: 20.9 µs).</li>
 *   <li>{@code process_submit_us}: submit + asCompleted, 20,000 no-op tasks, a 2-process
 *       {@code ProcessPoolExecutor} (CPython: 133.6 µs).</li>
 *   <li>{@code process_map_chunked_us}: {@code map} with chunksize 500 over 20,000 no-op tasks, same
 *       executor (CPython: 0.7 µs). A run takes some 20 ms, so it is warmed up 25 times: the
 *       workers' JIT needs about 20 runs before the figure settles (from 16 µs to 0.5).</li>
 *   <li>{@code virtual_threads_10k_s}: 10,000 tasks each blocking 100 ms on a virtual-thread
 *       executor, until all are done (the limit is 0.1 s: one sleep).</li>
 * </ul>
 */
public final class FuturesRow implements TourRow {

    @Override
    public String name() {
        return "futures";
    }

    @Override
    public Claims claims() {
        return new Claims("concurrent.futures",
                "one Executor/Future API over a thread pool or a process pool",
                "fan out independent calls, collect results as they complete",
                "simple, uniform, easy to switch threads for processes",
                "no cancelling of running work; futures that wait on each other deadlock a small pool");
    }

    @Override
    public Map<String, Object> measure(boolean quick) throws Exception {
        var metrics = new LinkedHashMap<String, Object>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            int tasks = quick ? 10_000 : 100_000;
            metrics.put("per_task_us", Measure.round(Measure.median(2, quick ? 1 : 5,
                    () -> submitAndCollect(threads, tasks) * 1e6 / tasks), 2));
        }
        try (var processes = new ProcessPoolExecutor(2)) {
            int tasks = quick ? 2_000 : 20_000;
            List<Integer> items = IntStream.range(0, tasks).boxed().toList();
            metrics.put("process_submit_us", Measure.round(Measure.median(quick ? 1 : 3, quick ? 1 : 5,
                    () -> submitAndCollect(processes, tasks) * 1e6 / tasks), 2));
            metrics.put("process_map_chunked_us", Measure.round(Measure.median(quick ? 1 : 25, quick ? 1 : 9,
                    () -> Measure.seconds(() -> processes.map((Integer x) -> x, items, null, 500)
                            .forEachRemaining(x -> { })) * 1e6 / tasks), 3));
        }
        metrics.put("virtual_threads_10k_s", Measure.round(Measure.median(1, quick ? 1 : 3,
                FuturesRow::tenThousandSleepers), 3));
        return metrics;
    }

    /** Submits {@code tasks} trivial tasks, takes them back with asCompleted; the seconds it took. */
    private static double submitAndCollect(ExecutorService executor, int tasks) {
        long start = System.nanoTime();
        var futures = new ArrayList<CompletableFuture<Integer>>(tasks);
        for (int i = 0; i < tasks; i++) {
            int value = i;
            futures.add(executor instanceof ProcessPoolExecutor processes ? processes.submit(() -> value)
                    : Futures.submit(executor, () -> value));
        }
        long sum = 0;
        for (var it = Futures.asCompleted(futures); it.hasNext(); ) {
            sum += it.next().join();
        }
        if (sum != (long) tasks * (tasks - 1) / 2) {
            throw new IllegalStateException("lost results: the sum was " + sum);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** 10,000 tasks that each block 100 ms, on virtual threads: seconds until all are done. */
    private static double tenThousandSleepers() {
        long start = System.nanoTime();
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10_000; i++) {
                virtual.submit(() -> {
                    Thread.sleep(100);
                    return null;
                });
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
