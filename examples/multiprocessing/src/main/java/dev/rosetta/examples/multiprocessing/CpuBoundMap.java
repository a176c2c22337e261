package dev.rosetta.examples.multiprocessing;

import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.trace.TimelineFlag;
import java.util.List;
import java.util.Locale;

/**
 * CPU-bound work on a pool of processes, against the same work in sequence.
 *
 * <pre>
 * from multiprocessing import Pool
 * def spin(n):
 *     x = 0
 *     for i in range(n): x = (x * 31 + i) % 1_000_003
 *     return x
 * if __name__ == "__main__":
 *     with Pool(2) as pool:
 *         pool.map(spin, [N] * 8, chunksize=1)     # about twice as fast as [spin(N) for ...]
 * </pre>
 *
 * <p>Each worker is a separate JVM with its own JIT and heap: two workers use two cores for
 * real, where Python threads under the GIL would take turns on one. Run with an argument for
 * the work per task in millions of iterations (default 20).
 */
public final class CpuBoundMap {
    private CpuBoundMap() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, CpuBoundMap::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        long work = (args.length > 0 ? Long.parseLong(args[0]) : 20) * 1_000_000;
        List<Long> tasks = List.of(work, work, work, work, work, work, work, work);
        try (var pool = new Pool(2)) {
            pool.map(CpuBoundMap::spin, tasks, 1);
            tasks.forEach(CpuBoundMap::spin);
            long start = System.nanoTime();
            tasks.forEach(CpuBoundMap::spin);
            double sequential = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            List<Long> results = pool.map(CpuBoundMap::spin, tasks, 1);
            double parallel = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "8 CPU-bound tasks in sequence: %.2f s%n", sequential);
            System.out.printf(Locale.ROOT, "8 CPU-bound tasks on Pool(2):  %.2f s (%d results)%n", parallel, results.size());
            System.out.printf(Locale.ROOT, "speed-up: %.2fx on %d cores%n", sequential / parallel,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    static long spin(long n) {
        long x = 0;
        for (long i = 0; i < n; i++) {
            x = (x * 31 + i) % 1_000_003;
        }
        return x;
    }
}
