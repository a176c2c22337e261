package dev.rosetta.exercises.joblib;

/**
 * Exercise {@code joblib/auto-batching}: joblib's {@code batch_size='auto'} controller.
 *
 * <p>A task sent to a worker costs a round trip; a {@code sqrt} costs nanoseconds. joblib sends
 * tasks in batches, and chooses the size from how long batches take (joblib's
 * {@code AutoBatchingMixin}):
 * <ul>
 *   <li>it starts at 1 task per batch;</li>
 *   <li>the duration it judges by is smoothed: the first batch of a size is taken as it is, each
 *       later one as {@code 0.8 * estimate + 0.2 * duration};</li>
 *   <li>only a batch of the current size counts: one of an older size (still in flight when the
 *       size changed) changes nothing;</li>
 *   <li>an estimate under {@link #MIN_IDEAL_SECONDS} (0.2 s): the size doubles;</li>
 *   <li>an estimate over {@link #MAX_IDEAL_SECONDS} (2 s): the size falls at once to twice what
 *       would have taken 0.2 s, {@code 2 * (int) (size * 0.2 / estimate)}, but never below 1;</li>
 *   <li>in between, the size stays;</li>
 *   <li>when the size changes, the estimate is forgotten (it was for the old size).</li>
 * </ul>
 * The controller never reads a clock: the caller reports durations, so the tests use made-up ones.
 *
 * <p>Chapter: docs/joblib.md. Hints: {@code ./rosetta learn hint joblib/auto-batching}.
 */
public class BatchSizer {
    /** Batches shorter than this are too small to hide the cost of sending them. */
    public static final double MIN_IDEAL_SECONDS = 0.2;
    /** Batches longer than this risk leaving one worker with a long tail while others idle. */
    public static final double MAX_IDEAL_SECONDS = 2.0;

    /** The size the next batch should have. */
    public int batchSize() {
        // TODO the current size (1 at the start)
        throw new UnsupportedOperationException("TODO: BatchSizer.batchSize is not written yet");
    }

    /**
     * A batch of {@code batchSize} tasks took {@code seconds}: update the estimate (when it has
     * the current size) and choose the next size.
     *
     * @return the size the next batch should have
     */
    public int completed(int batchSize, double seconds) {
        // TODO smooth, then grow (double) under 0.2 s, shrink over 2 s, forget the estimate on a change
        throw new UnsupportedOperationException("TODO: BatchSizer.completed is not written yet");
    }
}
