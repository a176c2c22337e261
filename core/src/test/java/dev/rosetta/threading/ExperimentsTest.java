package dev.rosetta.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The experiments run and report; how fast is the tour's business, not this test's. */
class ExperimentsTest {

    /** Beazley's countdown runs under every mode and times both runs. */
    @ParameterizedTest
    @EnumSource(GilMode.class)
    void cpuBoundRunsUnderEveryMode(GilMode mode) throws Exception {
        var run = Experiments.cpuBound(mode, 20_000);
        assertTrue(run.sequentialSeconds() > 0 && run.threadedSeconds() > 0, run.toString());
        if (mode == GilMode.FREE_THREADED) {
            assertEquals(0, run.switches());
        }
    }

    /** The I/O experiment times both runs. */
    @Test
    void ioBoundTimesBothRuns() throws Exception {
        var run = Experiments.ioBound(4, Duration.ofMillis(1));
        assertTrue(run.sequentialSeconds() > 0 && run.threadedSeconds() > 0, run.toString());
    }

    /** The convoy experiment records one latency per call. */
    @Test
    void convoyRecordsEveryCall() throws Exception {
        var convoy = Experiments.convoy(Duration.ofMillis(1), 5, true);
        assertEquals(5, convoy.latenciesMillis().length);
        assertTrue(convoy.p50Millis() > 0 && convoy.p90Millis() >= convoy.p50Millis());
    }

    /** Bad sizes are refused by value and rule. */
    @Test
    void badInputIsRefused() {
        assertEquals("countdown needs n >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Experiments.cpuBound(GilMode.GIL, 0)).getMessage());
        assertEquals("threads must be at least 1, was -2",
                assertThrows(IllegalArgumentException.class, () -> Experiments.ioBound(-2, Duration.ofMillis(1))).getMessage());
        assertEquals("calls must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Experiments.convoy(Duration.ofMillis(1), 0, true)).getMessage());
        assertEquals("perThread must be at least 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> Experiments.lostUpdates(new NoGil(), Experiments.Increment.PLAIN, 0)).getMessage());
    }
}
