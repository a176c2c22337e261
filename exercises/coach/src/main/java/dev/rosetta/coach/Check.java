package dev.rosetta.coach;

import dev.rosetta.common.Words;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code learn check ID}: the learner's code against the exercise's tests, reported briefly:
 * each failing test's name, its message and the learner's own lines, not a stack trace
 * ({@code --full} adds those). Compile errors and forbidden APIs are reported in the same voice.
 *
 * <p>Thread-safety: not thread-safe; one check at a time.
 */
public final class Check {
    private final Workbook workbook;
    private final TestJvm jvm;

    /** A check that runs tests in {@code jvm}, which it leaves warm for the next check. */
    public Check(Workbook workbook, TestJvm jvm) {
        this.workbook = workbook;
        this.jvm = jvm;
    }

    /** What a check found; {@link #report} says it to the learner. */
    public record Result(Exercise exercise, String solutionDir, List<String> problems, TestOutcome outcome) {

        /** Passed: it compiled, kept the rules and passed every test. */
        public boolean passed() {
            return problems.isEmpty() && outcome != null && outcome.passed();
        }

        /** The text the coach prints, in English. */
        public String report(boolean full) {
            return report(full, Workbook.words("en"));
        }

        /** The text the coach prints, in the language of {@code words} (the tests' own messages stay as written). */
        public String report(boolean full, Words words) {
            var out = new StringBuilder();
            String id = exercise.id();
            if (passed()) {
                out.append(words.get("check.passed", id, outcome.testsRun())).append('\n')
                        .append(words.get("check.compare", solutionDir)).append('\n')
                        .append(words.get("check.moveOn")).append('\n');
                return out.toString();
            }
            if (!problems.isEmpty()) {
                out.append(words.get("check.notYet", id)).append('\n');
                problems.forEach(p -> out.append("  ✗ ").append(p.replace("\n", "\n    ")).append('\n'));
            } else if (outcome.error() != null) {
                out.append(words.get("check.couldNotRun", id, outcome.error())).append('\n');
            } else {
                long failed = outcome.testsFailed();
                out.append(failed == 0 ? words.get("check.classFailed", id, outcome.testsRun())
                        : words.get("check.failed", id, failed, outcome.testsRun())).append('\n');
                for (TestOutcome.Failure f : outcome.failures()) {
                    out.append("  ✗ ").append(f.test()).append(f.ofClass() ? words.get("check.wholeClass") : "").append('\n');
                    out.append("    ").append(f.message().strip().replace("\n", "\n    ")).append('\n');
                    if (!f.frames().isEmpty()) {
                        out.append("    ").append(words.get("check.yourCode", String.join(" < ", f.frames()))).append('\n');
                    }
                    if (full) {
                        out.append("    ").append(f.trace().strip().replace("\n", "\n    ")).append('\n');
                    }
                }
            }
            out.append(words.get("check.stuck", id, exercise.hints().size(), exercise.chapter())).append('\n');
            return out.toString();
        }
    }

    /** Compiles the workbook as it is now and runs {@code exercise}'s tests against it. */
    public Result run(Exercise exercise) throws IOException, InterruptedException {
        String solutionDir = workbook.show(workbook.solutionSources(exercise)) + "/";
        try (var javac = SourceCompiler.onOwnClassPath()) {
            var build = new WorkbookBuild(workbook, javac);
            WorkbookBuild.Compiled compiled;
            try {
                compiled = build.stubsAndTests();
            } catch (WorkbookBuild.CompileFailed e) {
                return new Result(exercise, solutionDir, List.of(e.getMessage()), null);
            }
            List<String> rules = ForbiddenApis.violations(exercise, compiled.stubs());
            if (!rules.isEmpty()) {
                return new Result(exercise, solutionDir, rules, null);
            }
            Variant mine = new Variant(exercise.id(), Variant.Kind.STUB, "yours", List.of(compiled.tests(), compiled.stubs()),
                    exercise.tests());
            return new Result(exercise, solutionDir, List.of(), jvm.run(mine));
        }
    }
}
