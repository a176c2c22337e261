package dev.rosetta.examples.joblib;

import dev.rosetta.joblib.Backend;
import static dev.rosetta.joblib.Delayed.delayed;

import dev.rosetta.joblib.Parallel;
import dev.rosetta.trace.TimelineFlag;
import java.util.stream.IntStream;

/**
 * A progress bar over a parallel loop — asked of joblib for years (joblib#972), and what
 * {@code tqdm} gives a plain loop in Python:
 *
 * <pre>{@code
 * from tqdm import tqdm
 * for r in tqdm(Parallel(n_jobs=2, return_as="generator")(delayed(work)(i) for i in range(200)), total=200):
 *     pass
 * }</pre>
 *
 * In a terminal the bar is redrawn in place (tasks done / total, rate, time left); anywhere else
 * (an IDE's run window, a pipe, a test) it stays quiet, and only the result is printed.
 */
public final class ProgressBar {
    private ProgressBar() {
    }

    static int work(int i) throws InterruptedException {
        Thread.sleep(10);
        return i;
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, ProgressBar::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        var tasks = IntStream.range(0, 200).mapToObj(i -> delayed(ProgressBar::work, i)).toList();
        try (var parallel = new Parallel(Parallel.Options.nJobs(4).backend(Backend.THREADING).batchSize(5)
                .progressBar(true))) {
            int sum = parallel.<Integer>call(tasks).stream().mapToInt(Integer::intValue).sum();
            System.out.println("sum " + sum);
        }
    }
}
