package dev.rosetta.exercises.joblib;

/**
 * Reference solution of {@code joblib/auto-batching}, as joblib 1.2's {@code AutoBatchingMixin}:
 * the estimate is smoothed over batches of the current size only, and reset whenever the size
 * changes, so that a decision is never made on durations of another size.
 */
public class BatchSizer {
    public static final double MIN_IDEAL_SECONDS = 0.2;
    public static final double MAX_IDEAL_SECONDS = 2.0;

    private int size = 1;
    private double estimate; // 0: no batch of the current size has finished yet

    public int batchSize() {
        return size;
    }

    public int completed(int batchSize, double seconds) {
        if (batchSize != size) {
            return size; // a batch of an older size: it says nothing about this one
        }
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
