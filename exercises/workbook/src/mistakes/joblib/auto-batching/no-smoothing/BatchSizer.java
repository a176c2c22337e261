package dev.rosetta.exercises.joblib;

/**
 * Classic mistake: every decision on the last batch alone. BROKEN: one batch that happened to
 * wait behind a garbage collection, or to land on a free core, swings the size up or down; joblib
 * smooths (0.8 of the estimate, 0.2 of the new duration) so that the size follows the trend.
 */
public class BatchSizer {
    public static final double MIN_IDEAL_SECONDS = 0.2;
    public static final double MAX_IDEAL_SECONDS = 2.0;

    private int size = 1;

    public int batchSize() {
        return size;
    }

    public int completed(int batchSize, double seconds) {
        if (batchSize != size) {
            return size;
        }
        if (seconds < MIN_IDEAL_SECONDS) {
            size = 2 * size;
        } else if (seconds > MAX_IDEAL_SECONDS) {
            size = Math.max(2 * (int) (size * MIN_IDEAL_SECONDS / seconds), 1);
        }
        return size;
    }
}
