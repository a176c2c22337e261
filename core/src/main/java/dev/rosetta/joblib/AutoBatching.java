package dev.rosetta.joblib;

/**
 * joblib's {@code batch_size='auto'}: how many tasks to send to a worker at once.
 *
 * <p>Sending one tiny task at a time costs more than the task (a round trip to a worker process
 * is tens of microseconds; {@code sqrt} is nanoseconds). So joblib measures how long each batch
 * takes, from dispatch to completion, and aims for batches of 0.2 to 2 seconds:
 * <ul>
 *   <li>It starts at one task per batch.</li>
 *   <li>A batch that took less than {@link #MIN_IDEAL_SECONDS} was too small: the next size is
 *       the old one times how far it fell short (×2, against oscillation), but never more than
 *       double the old size at once.</li>
 *   <li>A batch that took more than {@link #MAX_IDEAL_SECONDS} was too big: the size falls at once
 *       to what would have taken about 0.4 s, so that no worker is left holding a long tail.</li>
 *   <li>Durations are smoothed (0.8 of the old estimate, 0.2 of the new duration), and only
 *       batches of the current size count; after a change the estimate starts afresh.</li>
 * </ul>
 * Near the end of the input, {@link Parallel} also cuts the last batches smaller, so that every
 * worker gets a share.
 *
 * <p>The controller never reads a clock: the caller reports durations, so tests drive it with
 * made-up ones. Thread-safety: not thread-safe; {@link Parallel} calls it under its own lock.
 */
public final class AutoBatching {
    /** Batches shorter than this are too small to hide the cost of sending them. */
    public static final double MIN_IDEAL_SECONDS = 0.2;
    /** Batches longer than this risk leaving one worker with a long tail while others idle. */
    public static final double MAX_IDEAL_SECONDS = 2.0;
    /** The largest batch it chooses: 2^30 tasks, so that doubling never overflows an {@code int}. */
    public static final int MAX_SIZE = 1 << 30;

    private int size = 1;
    private double smoothedSeconds;
    private double decidedOn;

    /** The size the next batch should have. */
    public int batchSize() {
        return size;
    }

    /** The smoothed duration of a batch of the current size, in seconds; 0 before the first one. */
    public double smoothedSeconds() {
        return smoothedSeconds;
    }

    /** The smoothed duration the last call of {@link #completed} decided on, in seconds. */
    public double decidedOnSeconds() {
        return decidedOn;
    }

    /**
     * A batch of {@code batchSize} tasks took {@code seconds} from dispatch to completion: update
     * the estimate (when it has the current size) and choose the size of the next batch.
     *
     * @return the new batch size
     */
    public int completed(int batchSize, double seconds) {
        if (batchSize == size) {
            smoothedSeconds = smoothedSeconds == 0 ? seconds : 0.8 * smoothedSeconds + 0.2 * seconds;
        }
        int next = size;
        decidedOn = smoothedSeconds;
        if (smoothedSeconds > 0 && smoothedSeconds < MIN_IDEAL_SECONDS) {
            // in doubles, capped: Python's ints never overflow, and a long-lived Parallel may keep doubling
            double ideal = Math.floor(size * MIN_IDEAL_SECONDS / smoothedSeconds) * 2;
            next = (int) Math.max(Math.min(Math.min(2.0 * size, ideal), MAX_SIZE), 1);
        } else if (smoothedSeconds > MAX_IDEAL_SECONDS && size >= 2) {
            int ideal = (int) (size * MIN_IDEAL_SECONDS / smoothedSeconds);
            next = Math.max(2 * ideal, 1);
        }
        if (next != size) {
            size = next;
            smoothedSeconds = 0; // the estimate was for the old size
        }
        return size;
    }
}
