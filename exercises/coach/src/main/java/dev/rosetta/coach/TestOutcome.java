package dev.rosetta.coach;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened when one exercise's tests ran against one variant (solution, stub or mistake).
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

    /** The outcome as JSON-ready maps (the child JVM's report to the coach). */
    public Map<String, Object> toJson() {
        var json = new LinkedHashMap<String, Object>();
        json.put("testsRun", testsRun);
        json.put("error", error);
        json.put("failures", failures.stream().map(f -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("test", f.test());
            m.put("message", f.message());
            m.put("timedOut", f.timedOut());
            m.put("frames", f.frames());
            m.put("trace", f.trace());
            m.put("ofClass", f.ofClass());
            return m;
        }).toList());
        return json;
    }

    /** The inverse of {@link #toJson()}. */
    @SuppressWarnings("unchecked")
    public static TestOutcome fromJson(Map<String, Object> json) {
        List<Failure> failures = ((List<Map<String, Object>>) json.get("failures")).stream()
                .map(m -> new Failure((String) m.get("test"), (String) m.get("message"), (Boolean) m.get("timedOut"),
                        (List<String>) m.get("frames"), (String) m.get("trace"), (Boolean) m.get("ofClass")))
                .toList();
        return new TestOutcome(((BigDecimal) json.get("testsRun")).intValue(), failures, (String) json.get("error"));
    }
}
