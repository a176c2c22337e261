package dev.rosetta.examples.futures;

import dev.rosetta.futures.Futures;
import dev.rosetta.trace.TimelineFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ten thousand tasks that each block for 100 ms: a virtual thread per task against a fixed pool
 * of platform threads.
 *
 * <pre>
 * import os, time
 * from concurrent.futures import ThreadPoolExecutor
 *
 * def block(_):
 *     time.sleep(0.1)                       # stands for a network call, a database query ...
 *
 * n = 2 * os.cpu_count()
 * start = time.perf_counter()
 * with ThreadPoolExecutor(max_workers=n) as pool:
 *     list(pool.map(block, range(10 * n)))  # 10 rounds of n: about 1 s
 * print(time.perf_counter() - start)        # so 10,000 tasks: about 10,000 x 0.1 / n s (250 s on 2 cores)
 * # Python has no virtual threads: asyncio is its answer to ten thousand waits (docs/asyncio.md).
 * </pre>
 *
 * <p>What to watch for: a blocked platform thread holds an OS thread, so a pool of {@code n}
 * threads runs {@code n} sleeps at a time and 10,000 of them take {@code 10,000 / n} rounds of
 * 100 ms. A virtual thread that blocks is unmounted from its carrier, which runs another: all
 * 10,000 sleep at once on a handful of carriers (one per core) and the whole lot takes little
 * more than 100 ms. The fixed pool runs only {@code 10 x n} tasks here, and its 10,000-task time
 * is extrapolated, so the example takes seconds, not minutes. Virtual threads help only with
 * waiting: for CPU-bound work they are no faster than the cores.
 *
 * <p>The figures are wall-clock times on this machine, printed for you to read; the tour measures
 * them properly ({@code virtual_threads_10k_s}).
 */
public final class VirtualThreadsTenThousand {
    private static final int TASKS = 10_000;
    private static final long BLOCK_MS = 100;

    private VirtualThreadsTenThousand() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, VirtualThreadsTenThousand::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int poolThreads = 2 * cores;
        int fixedTasks = 10 * poolThreads;

        Run virtual;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            virtual = run(pool, TASKS);
        }
        System.out.printf("Executors.newVirtualThreadPerTaskExecutor(): %,6d tasks x %d ms blocked: %6.2f s (at most %,d asleep at once)%n",
                TASKS, BLOCK_MS, virtual.seconds(), virtual.mostAtOnce());

        Run fixed;
        try (ExecutorService pool = Executors.newFixedThreadPool(poolThreads)) {
            fixed = run(pool, fixedTasks);
        }
        double extrapolated = fixed.seconds() * TASKS / fixedTasks;
        System.out.printf("Executors.newFixedThreadPool(%d) (2 x %d cores): %,6d tasks x %d ms blocked: %6.2f s (at most %,d asleep at once)%n",
                poolThreads, cores, fixedTasks, BLOCK_MS, fixed.seconds(), fixed.mostAtOnce());
        System.out.printf("  extrapolated to %,d tasks: about %,.0f s, %,.0fx the virtual threads' time%n",
                TASKS, extrapolated, extrapolated / virtual.seconds());
    }

    /** One run: its wall time, and the most tasks that were blocked at the same moment. */
    private record Run(double seconds, int mostAtOnce) {
    }

    /** Submits {@code tasks} blocking tasks and waits for them all. */
    private static Run run(ExecutorService pool, int tasks) throws InterruptedException {
        var asleep = new AtomicInteger();
        var mostAtOnce = new AtomicInteger();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            futures.add(Futures.submit(pool, () -> {
                mostAtOnce.accumulateAndGet(asleep.incrementAndGet(), Math::max);
                Thread.sleep(BLOCK_MS);
                asleep.decrementAndGet();
                return null;
            }));
        }
        var result = Futures.wait(futures, null, Futures.ReturnWhen.ALL_COMPLETED);
        if (!result.notDone().isEmpty() || futures.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
            throw new IllegalStateException("some tasks did not finish cleanly");
        }
        return new Run((System.nanoTime() - start) / 1e9, mostAtOnce.get());
    }
}
