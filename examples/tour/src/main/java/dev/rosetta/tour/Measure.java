package dev.rosetta.tour;

import java.util.Arrays;

/**
 * Timing for the tour: warm up, repeat, take the median. A single run measures the JIT, the
 * page cache and luck as much as the idea; the median of runs after warm-up measures the idea.
 *
 * <p>Thread-safety: stateless.
 */
public final class Measure {
    /** One timed run, returning the figure it measured (seconds, a ratio, a count, ...). */
    @FunctionalInterface
    public interface Run {
        /** Performs the run; its figure. */
        double run() throws Exception;
    }

    private Measure() {
    }

    /**
     * The figures of repeated runs: their median, and their spread (min and max) to show how
     * much to trust it.
     */
    public record Sample(double median, double min, double max, int runs) {
        /** The sample of these figures. */
        public static Sample of(double... figures) {
            double[] sorted = figures.clone();
            Arrays.sort(sorted);
            return new Sample(Measure.median(sorted), sorted[0], sorted[sorted.length - 1], sorted.length);
        }

        /** The same sample with every figure rounded to {@code digits} decimals. */
        public Sample rounded(int digits) {
            return new Sample(round(median, digits), round(min, digits), round(max, digits), runs);
        }
    }

    /** Runs {@code run} {@code warmups} times unrecorded, then {@code runs} times; the median figure. */
    public static double median(int warmups, int runs, Run run) throws Exception {
        return sample(warmups, runs, run).median();
    }

    /** Runs {@code run} {@code warmups} times unrecorded, then {@code runs} times; their figures. */
    public static Sample sample(int warmups, int runs, Run run) throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, was " + runs);
        }
        for (int i = 0; i < warmups; i++) {
            run.run();
        }
        double[] figures = new double[runs];
        for (int i = 0; i < runs; i++) {
            figures[i] = run.run();
        }
        return Sample.of(figures);
    }

    /** The median of {@code figures} (the mean of the middle two for an even count). */
    public static double median(double... figures) {
        double[] sorted = figures.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Seconds taken by {@code work}. */
    public static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** {@code value} rounded to {@code digits} decimals, for figures that print and compare cleanly. */
    public static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
