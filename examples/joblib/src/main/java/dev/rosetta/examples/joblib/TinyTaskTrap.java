package dev.rosetta.examples.joblib;

import dev.rosetta.joblib.Backend;
import static dev.rosetta.joblib.Delayed.delayed;

import dev.rosetta.joblib.Delayed;
import dev.rosetta.joblib.Parallel;
import dev.rosetta.trace.TimelineFlag;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The tiny-task trap, and auto-batching's way out (joblib#1105: a million {@code sqrt}
 * calls, 0.46 s as a loop, 40 s with {@code n_jobs=-1}).
 *
 * <pre>{@code
 * from math import sqrt
 * from joblib import Parallel, delayed
 * [sqrt(i) for i in range(100_000)]                                                   # a plain loop
 * Parallel(n_jobs=2, batch_size=1)(delayed(sqrt)(i) for i in range(100_000))          # one message per task
 * Parallel(n_jobs=2, verbose=10)(delayed(sqrt)(i) for i in range(100_000))            # batch_size='auto'
 * }</pre>
 *
 * Sending a task to a worker costs far more than {@code sqrt}: one task per message spends all its
 * time sending. {@code batch_size='auto'} measures each batch and doubles the size while batches
 * take under 0.2 s: watch the sizes grow in the "Batch computation too fast" lines.
 */
public final class TinyTaskTrap {
    private TinyTaskTrap() {
    }

    static double sqrt(int x) {
        return Math.sqrt(x);
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, TinyTaskTrap::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<Delayed<Integer, Double>> tasks = IntStream.range(0, n).mapToObj(i -> delayed(TinyTaskTrap::sqrt, i)).toList();

        long start = System.nanoTime();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sqrt(i);
        }
        double loop = seconds(start);
        System.out.printf(Locale.ROOT, "a plain loop:               %8.3f s  (sum %.1f)%n", loop, sum);

        try (var parallel = new Parallel(Parallel.Options.nJobs(2).backend(Backend.LOKY).batchSize(1))) {
            start = System.nanoTime();
            double total = parallel.<Double>call(tasks).stream().mapToDouble(Double::doubleValue).sum();
            double batch1 = seconds(start);
            System.out.printf(Locale.ROOT, "n_jobs=2, batch_size=1:    %8.3f s  (sum %.1f) %6.0fx the loop%n", batch1, total, batch1 / loop);
        }
        try (var parallel = new Parallel(Parallel.Options.nJobs(2).verbose(10, System.out))) {
            start = System.nanoTime();
            double total = parallel.<Double>call(tasks).stream().mapToDouble(Double::doubleValue).sum();
            double auto = seconds(start);
            System.out.printf(Locale.ROOT, "n_jobs=2, batch_size=auto: %8.3f s  (sum %.1f) %6.0fx the loop%n", auto, total, auto / loop);
        }
        System.out.println("(the first parallel runs include starting the workers; the tour measures warm ones)");
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
