package dev.rosetta.exercises.joblib;

/**
 * Classic mistake: every finished batch counts, whatever its size. BROKEN: when the size has
 * just doubled, the batches of the old size still in flight come back fast (they are half as
 * big) and double it again, and again: the size runs away on durations of batches it no longer
 * sends.
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
        estimate = estimate == 0 ? seconds : 0.8 * estimate + 0.2 * seconds;
        int next = size;
        if (estimate < MIN_IDEAL_SECONDS) {
            next = 2 * size;
        } else if (estimate > MAX_IDEAL_SECONDS) {
            next = Math.max(2 * (int) (size * MIN_IDEAL_SECONDS / estimate), 1);
        }
        if (next != size) {
            size = next;
            estimate = 0;
        }
        return size;
    }
}
