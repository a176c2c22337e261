package dev.rosetta.joblib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** n_jobs's rules and the auto-batching controller, against real joblib 1.2.0's figures. */
class NJobsAndBatchingTest {

    @Test
    void nJobsFollowsJoblibsRules() {
        assertEquals(1, NJobs.effective(null, 4), "None means one worker");
        assertEquals(1, NJobs.effective(1, 4));
        assertEquals(3, NJobs.effective(3, 4));
        assertEquals(8, NJobs.effective(8, 4), "more workers than CPUs is allowed");
        assertEquals(4, NJobs.effective(-1, 4), "-1 is every CPU");
        assertEquals(3, NJobs.effective(-2, 4), "-2 is every CPU but one");
        assertEquals(1, NJobs.effective(-10, 4), "never fewer than one");
        var zero = assertThrows(IllegalArgumentException.class, () -> NJobs.effective(0, 4));
        assertTrue(zero.getMessage().startsWith("nJobs == 0 has no meaning"), zero.getMessage());
        assertTrue(zero.getMessage().contains("-1 for every CPU (4 here)"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Parallel(0), "refused when the Parallel is made");
    }

    /**
     * The sizes real joblib chose (AutoBatchingMixin of joblib 1.2.0, fed the same durations):
     * doubling while batches are far under 0.2 s, steady between 0.2 and 2 s on the smoothed
     * estimate, cut at once when the estimate passes 2 s.
     */
    @Test
    void autoBatchingChoosesTheSizesJoblibChooses() {
        double[] seconds = {0.01, 0.01, 0.01, 0.01, 0.05, 0.05, 0.3, 0.3, 1.0, 5.0, 5.0, 3.0, 0.1};
        List<Integer> joblib = List.of(1, 2, 4, 8, 16, 32, 64, 64, 64, 64, 64, 12, 1);
        var batching = new AutoBatching();
        var sizes = new ArrayList<Integer>();
        for (double s : seconds) {
            int size = batching.batchSize();
            sizes.add(size);
            batching.completed(size, s);
        }
        assertEquals(joblib, sizes);
        assertEquals(2, batching.batchSize(), "after 0.1 s for one task: two");
    }

    /** A batch of an older size does not move the estimate of the current size. */
    @Test
    void aBatchOfAnOldSizeIsIgnored() {
        var batching = new AutoBatching();
        batching.completed(1, 0.01);
        assertEquals(2, batching.batchSize());
        batching.completed(1, 10.0);
        assertEquals(2, batching.batchSize(), "the slow batch had the old size: ignored");
        assertEquals(0.0, batching.smoothedSeconds());
    }

    @Test
    void preDispatchIsReadAsJoblibReadsIt() {
        assertEquals(4, Parallel.preDispatchAmount("2*n_jobs", 2));
        assertEquals(6, Parallel.preDispatchAmount(" 3 * n_jobs ", 2));
        assertEquals(10, Parallel.preDispatchAmount("10", 2));
        assertEquals(Integer.MAX_VALUE, Parallel.preDispatchAmount("all", 2));
        var bad = assertThrows(IllegalArgumentException.class, () -> Parallel.preDispatchAmount("twice", 2));
        assertTrue(bad.getMessage().contains("'twice' is not understood"), bad.getMessage());
    }

    /** joblib 1.2.0's _verbosity_filter at verbose=5 prints after batches 0 and 17 of the first 40 (then 71, ...). */
    @Test
    void verboseLinesGrowRarer() {
        var printed = new ArrayList<Integer>();
        for (int i = 0; i < 40; i++) {
            if (!Parallel.Progress.quiet(i, 5)) {
                printed.add(i);
            }
        }
        assertEquals(List.of(0, 17), printed);
    }
}
