package dev.rosetta.exercises.joblib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code joblib/auto-batching}. It reports made-up durations, the way joblib's own
 * tests drive {@code AutoBatchingMixin}: no clock, no threads. The contract, one property per test:
 * <ul>
 *   <li>The first batch has 1 task.</li>
 *   <li>A batch that took under 0.2 s doubles the size (1, 2, 4, 8, ...).</li>
 *   <li>A batch that took over 2 s shrinks the size at once to {@code 2 * (int) (size * 0.2 / estimate)}, never below 1.</li>
 *   <li>From 0.2 s to 2 s (both included) the size stays.</li>
 *   <li>The estimate is smoothed: the first batch of a size as it is, then {@code 0.8 * estimate + 0.2 * duration}.</li>
 *   <li>A batch of another size than the current one changes nothing.</li>
 *   <li>When the size changes, the estimate starts afresh: the old size's durations do not count.</li>
 * </ul>
 */
@TimeLimit(seconds = 5)
class BatchSizerTest {
    private static final double FAST = 0.01;

    /** A fresh controller, grown to {@code size} (a power of two) by fast batches. */
    private static BatchSizer grownTo(int size) {
        var sizer = new BatchSizer();
        while (sizer.batchSize() < size) {
            sizer.completed(sizer.batchSize(), FAST);
        }
        assertEquals(size, sizer.batchSize(), "batches of " + FAST + " s must double the size up to " + size);
        return sizer;
    }

    @Test
    @DisplayName("the first batch has 1 task")
    void startsAtOne() {
        assertEquals(1, new BatchSizer().batchSize(), "before any batch has finished, batchSize() must be 1, as joblib starts");
    }

    @Test
    @DisplayName("a batch under 0.2 s doubles the size")
    void fastBatchesDouble() {
        var sizer = new BatchSizer();
        for (int size = 1; size <= 64; size *= 2) {
            int next = sizer.completed(size, FAST);
            assertEquals(2 * size, next, "a batch of " + size + " took " + FAST + " s (under 0.2 s): the next size must"
                    + " be double, " + 2 * size + " (at most double at once, so that no worker is handed a huge batch)");
            assertEquals(next, sizer.batchSize(), "batchSize() must say what completed(...) returned");
        }
        var almost = new BatchSizer();
        for (int size = 1; size < 256; size *= 2) {
            almost.completed(size, 0.199);
        }
        assertEquals(256, almost.batchSize(), "batches of 0.199 s are still under 0.2 s: the size must keep doubling,"
                + " up to 256 here");
    }

    @Test
    @DisplayName("a batch over 2 s shrinks the size at once, never below 1")
    void slowBatchShrinks() {
        var sizer = grownTo(64);
        int after = sizer.completed(64, 5.0);
        if (after == 64 && grownTo(64).completed(64, 1_000.0) != 64) {
            fail("a batch of 64 took 5.0 s (over 2 s) and the size stayed 64, although a batch of 1,000 s does shrink"
                    + " it: the 5.0 s was averaged with the fast batches of the smaller sizes. Was the estimate not"
                    + " forgotten when the size changed? The first batch of a new size counts as it is.");
        }
        assertEquals(4, after, "a batch of 64 took 5.0 s (over 2 s): the size must fall at once"
                + " to 2 * (int) (64 * 0.2 / 5.0) = 4, so that no worker is left holding a long tail");
        assertEquals(4, sizer.batchSize(), "batchSize() must say what completed(...) returned");
        var two = grownTo(2);
        assertEquals(1, two.completed(2, 100.0), "a batch of 2 took 100 s: 2 * (int) (2 * 0.2 / 100) is 0,"
                + " and the size must fall at once to at least 1");
        assertEquals(1, new BatchSizer().completed(1, 10.0), "a batch of 1 took 10 s: a size is never below 1");
    }

    @Test
    @DisplayName("from 0.2 s to 2 s, the size stays")
    void idealBatchesKeepTheSize() {
        assertEquals(64, grownTo(64).completed(64, 0.2), "a batch of 64 took exactly 0.2 s: that is not under"
                + " 0.2 s, the size must stay 64");
        assertEquals(64, grownTo(64).completed(64, 2.0), "a batch of 64 took exactly 2.0 s: that is not over"
                + " 2 s, the size must stay 64");
        var sizer = grownTo(64);
        for (double seconds : new double[] {1.0, 0.5, 1.9, 0.3}) {
            assertEquals(64, sizer.completed(64, seconds), "batches of 64 between 0.2 and 2 s: the size must stay 64");
        }
    }

    @Test
    @DisplayName("the estimate is smoothed, 0.8 old and 0.2 new")
    void durationsAreSmoothed() {
        var sizer = grownTo(64);
        sizer.completed(64, 1.25);
        assertEquals(64, sizer.completed(64, 3.0), "at size 64, batches of 1.25 s then 3.0 s: the smoothed estimate is"
                + " 0.8 * 1.25 + 0.2 * 3.0 = 1.6 s, inside 0.2 to 2 s, so the size must stay 64; one slow batch"
                + " alone must not decide");
        var other = grownTo(64);
        other.completed(64, 1.25);
        assertEquals(64, other.completed(64, 0.1), "at size 64, batches of 1.25 s then 0.1 s: the smoothed estimate is"
                + " 0.8 * 1.25 + 0.2 * 0.1 = 1.02 s, so the size must stay 64; one fast batch alone must not decide");
        var weights = grownTo(64);
        weights.completed(64, 1.25);
        assertEquals(10, weights.completed(64, 6.0), "at size 64, batches of 1.25 s then 6.0 s: the smoothed estimate"
                + " is 0.8 * 1.25 + 0.2 * 6.0 = 2.2 s, over 2 s, so the size must fall to 2 * (int) (64 * 0.2 / 2.2)"
                + " = 10; weigh the old estimate 0.8 and the new duration 0.2");
    }

    @Test
    @DisplayName("a batch of an older size changes nothing")
    void staleBatchesDoNotCount() {
        var sizer = grownTo(2);
        assertEquals(2, sizer.completed(1, FAST), "the size is 2, and a batch of an older size (1, still in flight when"
                + " the size changed) came back fast: it says nothing about batches of 2, the size must stay 2");
        var big = grownTo(64);
        assertEquals(64, big.completed(32, 50.0), "the size is 64, and a batch of an older size (32) took 50 s: it"
                + " says nothing about batches of 64, the size must stay 64");
        big.completed(64, 1.0);
        big.completed(32, 50.0);
        assertEquals(64, big.completed(64, 3.0), "at size 64: 1.0 s, then a batch of an older size (32) of 50 s,"
                + " then 3.0 s: only the batches of 64 count (estimate 1.4 s), the size must stay 64");
    }

    @Test
    @DisplayName("after a change of size, the estimate starts afresh")
    void estimateForgottenOnChange() {
        var sizer = grownTo(32);
        sizer.completed(32, FAST); // 64 now
        assertEquals(8, sizer.completed(64, 3.0), "the size went from 32 to 64, and the first batch of 64 took 3.0 s:"
                + " the size must fall to 2 * (int) (64 * 0.2 / 3.0) = 8. Was the estimate not forgotten when the"
                + " size changed? Averaged with the old size's 0.01 s it looks like 0.6 s");
        assertEquals(8, sizer.completed(8, 1.0), "the size went from 64 to 8, and the first batch of 8 took 1.0 s:"
                + " the size must stay 8");
    }
}
