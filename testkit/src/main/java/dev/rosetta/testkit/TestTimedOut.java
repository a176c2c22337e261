package dev.rosetta.testkit;

import java.io.Serial;

/**
 * A test ran past its time limit. The message holds the {@link ThreadReport} taken at that
 * moment, so the failure explains the hang instead of just announcing it.
 */
public final class TestTimedOut extends AssertionError {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A time-out whose message already contains the thread report. */
    public TestTimedOut(String messageWithReport) {
        super(messageWithReport);
    }
}
