package dev.rosetta.tour.rows;

import dev.rosetta.futures.Futures;
import dev.rosetta.futures.ProcessPoolExecutor;
import dev.rosetta.tour.Figure;
import dev.rosetta.tour.Goal;
import dev.rosetta.tour.Measure;
import dev.rosetta.tour.Readings;
import dev.rosetta.tour.TourRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * The {@code concurrent.futures} row: what a future costs, on threads and on processes. The
 * figures, their goals and CPython's are declared below, one constant each.
 *
 * <p>{@code process_map_chunked_us}: a run takes some 20 ms, so it is warmed up 25 times: the
 * workers' JIT needs about 20 runs before the figure settles (from 16 µs to 0.5).
 */
public final class FuturesRow implements TourRow {
    static final Figure PER_TASK_US = new Figure("per_task_us", "µs/task",
            "submit + as_completed of 100,000 trivial tasks on a 2-thread pool", Goal.atMost(5), "20.9");
    static final Figure PROCESS_SUBMIT_US = new Figure("process_submit_us", "µs/task",
            "submit + as_completed of 20,000 no-op tasks on a 2-process ProcessPoolExecutor", Goal.atMost(30), "133.6");
    static final Figure PROCESS_MAP_CHUNKED_US = new Figure("process_map_chunked_us", "µs/task",
            "map(chunksize=500) of 20,000 no-op tasks on the same 2 processes", Goal.atMost(1), "0.7");
    static final Figure VIRTUAL_THREADS_10K_S = new Figure("virtual_threads_10k_s", "s",
            "10,000 tasks each blocking 100 ms on a virtual-thread executor, until all are done (floor 0.1)",
            Goal.atMost(0.5), "— (asyncio: 0.19)");

    @Override
    public String name() {
        return "futures";
    }


    @Override
    public Headline headline() {
        return new Headline("ThreadPoolExecutor(max_workers=2): submit 8 tasks blocking 5–20 ms, then as_completed",
                "The marks on the caller's lane are the submits, all at once; each bar is a future running on"
                        + " one of the two pool threads (hover it: how long it waited in the queue). Two run at a"
                        + " time and the rest wait their turn: a pool bounds the concurrency to its workers.",
                FuturesRow::eightFutures);
    }

    /** Eight blocking tasks of 5 to 20 ms on two threads, collected as they complete. */
    private static void eightFutures() {
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            var futures = new ArrayList<CompletableFuture<Integer>>();
            for (int i = 0; i < 8; i++) {
                int millis = 5 * (1 + i % 4);
                futures.add(Futures.submit(threads, () -> {
                    Thread.sleep(millis); // stands for a blocking call: a download, a query
                    return millis;
                }));
            }
            Futures.asCompleted(futures).forEachRemaining(CompletableFuture::join);
        }
    }

    @Override
    public void measure(Readings readings) throws Exception {
        boolean quick = readings.quick();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            int tasks = quick ? 10_000 : 100_000;
            readings.median(PER_TASK_US, 2, 2, quick ? 1 : 5, () -> submitAndCollect(threads, tasks) * 1e6 / tasks);
        }
        try (var processes = new ProcessPoolExecutor(2)) {
            int tasks = quick ? 2_000 : 20_000;
            List<Integer> items = IntStream.range(0, tasks).boxed().toList();
            readings.median(PROCESS_SUBMIT_US, 2, quick ? 1 : 3, quick ? 1 : 5,
                    () -> submitAndCollect(processes, tasks) * 1e6 / tasks);
            readings.median(PROCESS_MAP_CHUNKED_US, 3, quick ? 1 : 25, quick ? 1 : 9,
                    () -> Measure.seconds(() -> processes.map((Integer x) -> x, items, null, 500)
                            .forEachRemaining(x -> { })) * 1e6 / tasks);
        }
        readings.median(VIRTUAL_THREADS_10K_S, 3, 1, quick ? 1 : 3, FuturesRow::tenThousandSleepers);
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
