package dev.rosetta.exercises.joblib;

/**
 * Classic mistake: a controller that only grows. BROKEN: once the batches are big, a slowdown
 * (bigger tasks further on in the input, a busy machine) leaves them big: one worker ends up
 * with a long tail of work while the others idle, the very thing {@code MAX_IDEAL_SECONDS} is for.
 */
public class BatchSizer {
    public static final double MIN_IDEAL_SECONDS = 0.2;
    public static final double MAX_IDEAL_SECONDS = 2.0;

    private int size = 1;
    private double estimate;

    public int batchSize() {
        return size;
    }

    public int completed(int batchSize, double seconds) {
        if (batchSize != size) {
            return size;
        }
        estimate = estimate == 0 ? seconds : 0.8 * estimate + 0.2 * seconds;
        if (estimate < MIN_IDEAL_SECONDS) {
            size = 2 * size;
            estimate = 0;
        }
        return size;
    }
}
