package dev.rosetta.coach;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code learn check} counts and names failures. */
class CheckReportTest {
    private static final Exercise EXERCISE = new Exercise("demo/adder", "Add", "docs/demo.md",
            List.of("dev/rosetta/exercises/demo/Adder.java"), List.of("dev.rosetta.exercises.demo.AdderTest"),
            List.of("hints/demo/adder/1.md"), Map.of(), List.of());

    /**
     * A test that hangs and then a check of the class as a whole (threads left behind) are two
     * failures but one failed test: "FAILED 1 of 1 tests", the class's failure named as such.
     */
    @Test
    void aFailureOfTheWholeClassIsNotCountedAsATest() {
        var hang = new TestOutcome.Failure("AdderTest > adds", "did not finish", true, List.of(), "", false);
        var leak = new TestOutcome.Failure("AdderTest", "left threads running", false, List.of(), "", true);
        String report = new Check.Result(EXERCISE, "sol/", List.of(), new TestOutcome(1, List.of(hang, leak), null))
                .report(false);

        assertTrue(report.startsWith("demo/adder: FAILED 1 of 1 tests.\n"), report);
        assertTrue(report.contains("✗ AdderTest (the test class as a whole)\n    left threads running"), report);
    }

    /** Every test passed but the class failed its own check: said in those words, not "FAILED 0 of 1". */
    @Test
    void onlyTheClassFailed() {
        var leak = new TestOutcome.Failure("AdderTest", "left threads running", false, List.of(), "", true);
        String report = new Check.Result(EXERCISE, "sol/", List.of(), new TestOutcome(2, List.of(leak), null))
                .report(false);

        assertTrue(report.startsWith("demo/adder: every one of 2 tests passed, but the test class failed a check of its"
                + " own (below).\n"), report);
    }
}
