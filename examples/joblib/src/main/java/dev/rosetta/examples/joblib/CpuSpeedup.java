package dev.rosetta.examples.joblib;

import dev.rosetta.joblib.Parallel;
import static dev.rosetta.joblib.Delayed.delayed;

import dev.rosetta.trace.TimelineFlag;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A CPU-bound speed-up on worker processes, and the same job as a parallel stream beside it.
 *
 * <pre>{@code
 * from joblib import Parallel, delayed
 * def burn(n):                                    # ~100 ms of arithmetic
 *     x = 0
 *     for i in range(n):
 *         x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
 *     return x
 * [burn(2_000_000) for _ in range(8)]                               # one core
 * Parallel(n_jobs=2)(delayed(burn)(2_000_000) for _ in range(8))    # two worker processes
 * }</pre>
 *
 * In Python the processes are the only way past the GIL. In Java a parallel stream already runs on
 * every core inside one JVM; joblib's processes pay a start-up and a copy of every argument and
 * result, and win nothing over it — they are for isolation (a crash, a leak), not for speed.
 */
public final class CpuSpeedup {
    private CpuSpeedup() {
    }

    static long burn(int millis) {
        long x = millis;
        for (long i = 0; i < millis * 2_600_000L; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, CpuSpeedup::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        int millis = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        var tasks = IntStream.range(0, 8).mapToObj(i -> delayed(CpuSpeedup::burn, millis)).toList();
        long expected = burn(millis); // also warms this JVM up

        long start = System.nanoTime();
        List<Long> inTurn = IntStream.range(0, 8).mapToObj(i -> burn(millis)).toList();
        double sequential = seconds(start);
        System.out.printf(Locale.ROOT, "one after another:       %6.3f s%n", sequential);

        try (var parallel = new Parallel(Parallel.Options.nJobs(2).batchSize(1))) {
            parallel.call(tasks.subList(0, 2)); // start the two workers before timing
            start = System.nanoTime();
            List<Long> results = parallel.call(tasks);
            double processes = seconds(start);
            System.out.printf(Locale.ROOT, "Parallel(n_jobs=2):      %6.3f s  speed-up %.2fx%n", processes, sequential / processes);
            start = System.nanoTime();
            long streamSum = IntStream.range(0, 8).parallel().mapToLong(i -> burn(millis)).sum();
            double stream = seconds(start);
            System.out.printf(Locale.ROOT, "a parallel stream:       %6.3f s  speed-up %.2fx%n", stream, sequential / stream);
            boolean same = results.equals(inTurn) && results.stream().allMatch(r -> r == expected)
                    && streamSum == expected * 8;
            System.out.println("the same eight results every way: " + same);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
