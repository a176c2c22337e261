package dev.rosetta.exercises.joblib;

/**
 * Classic mistake: the estimate carried over when the size changes. BROKEN: after a doubling,
 * the first batch of the new size is averaged with durations of batches half as big, so a batch
 * that took far too long (3 s) still looks fine (0.6 s) and the size stays too big.
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
        } else if (estimate > MAX_IDEAL_SECONDS) {
            size = Math.max(2 * (int) (size * MIN_IDEAL_SECONDS / estimate), 1);
        }
        return size;
    }
}
