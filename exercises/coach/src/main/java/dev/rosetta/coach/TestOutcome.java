package dev.rosetta.coach;

import java.util.List;

/**
 * What happened when one exercise's tests ran against one variant (solution, stub or mistake).
 * The test JVM sends it to the coach as JSON, this record and its failures mapped by Jackson
 * member for member ({@link VariantRunner}).
 *
 * @param testsRun how many tests ran to an end (passed or failed)
 * @param failures the failed tests, in the order they finished
 * @param error    why the tests could not run at all (no tests found, the JVM died, a hang), or null
 */
public record TestOutcome(int testsRun, List<Failure> failures, String error) {

    /**
     * One failed test, told the way a learner needs it.
     *
     * @param test     the test's display name, prefixed by its class ({@code CounterTest > four threads ...})
     * @param message  the assertion's message: what broke, in the learner's terms
     * @param timedOut whether it failed by running out of time (the message is a thread report)
     * @param frames   the stack frames in the exercise's own code, innermost first
     * @param trace    the whole stack trace, for {@code --full}
     * @param ofClass  whether this is a failure of the test class as a whole (a check that ran
     *                 before or after its tests, such as threads left behind), not of one test
     */
    public record Failure(String test, String message, boolean timedOut, List<String> frames, String trace,
                          boolean ofClass) {
    }

    /** How many single tests failed (failures of a test class as a whole not counted). */
    public long testsFailed() {
        return failures.stream().filter(f -> !f.ofClass()).count();
    }

    /** An outcome for tests that could not run. */
    public static TestOutcome error(String why) {
        return new TestOutcome(0, List.of(), why);
    }

    /** True when at least one test ran and none failed. */
    public boolean passed() {
        return error == null && testsRun > 0 && failures.isEmpty();
    }

    /** True when a test failed or the tests could not run: what a stub and a mistake must do. */
    public boolean failed() {
        return !passed();
    }
}
