package dev.rosetta.coach;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.rosetta.trace.JsonIo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code learn verify}: the proof that every exercise is sound. For each exercise its tests
 * run against (a) the reference solution, which must pass them all and keep the forbidden-API
 * rules; (b) the stub, which must fail at least one; (c) every classic mistake, each of which
 * must fail at least one: a mistake the tests let through is a broken test.
 *
 * <p>Each variant is compiled on the side and handed to the test JVMs at once, so the tests of
 * one run while the next compiles, on up to {@code jobs} JVMs ({@link TestJvms}).
 *
 * <p>Prints one line per exercise, then every problem with its reason; exit code 0 only when
 * there is none. With {@code --json FILE} it also writes
 * {@code {"exercises": [{"id", "solution_passed", "stub_failed", "mistakes": {name: caught},
 * "mistake_messages": {name: first failure}, "seconds": {variant: s}}], "seconds"}} ({@link Report}):
 * the variants' {@code seconds} show which cost the build its time.
 */
public final class Verify {
    private final Workbook workbook;
    private final PrintStream out;
    private final int jobs;

    /** A verdict on one exercise. {@code problems} is empty when it is sound. */
    record Verdict(Exercise exercise, boolean solutionPassed, boolean stubFailed, Map<String, Boolean> mistakesCaught,
                   List<String> problems, Map<String, String> mistakeMessages) {
    }

    /** What {@code --json} writes: one entry per exercise, and how long it all took. */
    record Report(List<Entry> exercises, double seconds) {
        /**
         * One exercise's verdict, keys in snake_case ({@code solution_passed}); {@code seconds} per variant;
         * {@code problems} only when there are some.
         */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        record Entry(String id, boolean solutionPassed, boolean stubFailed, Map<String, Boolean> mistakes,
                     Map<String, String> mistakeMessages, Map<String, Double> seconds,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> problems) {
            Entry(Verdict v, Map<String, Double> seconds) {
                this(v.exercise().id(), v.solutionPassed(), v.stubFailed(), v.mistakesCaught(), v.mistakeMessages(),
                        seconds, v.problems());
            }
        }
    }

    /** A verify that runs {@link TestJvms#DEFAULT_JOBS} test JVMs at once. */
    public Verify(Workbook workbook, PrintStream out) {
        this(workbook, out, TestJvms.DEFAULT_JOBS);
    }

    /** A verify that runs up to {@code jobs} test JVMs at once (the verdicts do not depend on it). */
    public Verify(Workbook workbook, PrintStream out, int jobs) {
        this.workbook = workbook;
        this.out = out;
        this.jobs = jobs;
    }

    /** Verifies the exercises with the given ids (all when empty); returns the exit code. */
    public int run(List<String> ids, Path json) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Manifest manifest = workbook.manifest();
        List<Exercise> exercises = ids.isEmpty() ? manifest.exercises() : ids.stream().map(manifest::get).toList();

        var variants = new ArrayList<Variant>();
        var problems = new LinkedHashMap<String, List<String>>();
        List<TestJvms.Run> runs;
        int jvmStarts;
        try (var javac = SourceCompiler.onOwnClassPath();
             var jvms = new TestJvms(workbook.build("verify"), SourceCompiler.ownClassPath(), jobs)) {
            var build = new WorkbookBuild(workbook, javac);
            WorkbookBuild.Compiled compiled;
            try {
                compiled = build.stubsAndTests();
            } catch (WorkbookBuild.CompileFailed e) {
                out.println("learn verify: " + e.getMessage());
                return 2;
            }
            for (Exercise exercise : exercises) {
                List<String> own = problems.computeIfAbsent(exercise.id(), k -> new ArrayList<>());
                var batch = new Batch(build, exercise, compiled, variants, jvms, own);
                Variant solution = batch.add(Variant.Kind.SOLUTION, null);
                batch.add(Variant.Kind.STUB, null);
                exercise.mistakes().keySet().stream().sorted().forEach(m -> batch.add(Variant.Kind.MISTAKE, m));
                if (solution != null) {
                    for (String rule : ForbiddenApis.violations(exercise, solution.classDirs().getFirst())) {
                        own.add("the solution breaks its own rule: " + rule);
                    }
                }
            }
            runs = jvms.results();
            jvmStarts = jvms.jvmsStarted();
        }
        List<TestOutcome> outcomes = runs.stream().map(TestJvms.Run::outcome).toList();
        List<Verdict> verdicts = exercises.stream()
                .map(e -> judge(e, variants, outcomes, problems.get(e.id())))
                .toList();
        var seconds = new LinkedHashMap<String, Map<String, Double>>();
        for (int i = 0; i < variants.size(); i++) {
            seconds.computeIfAbsent(variants.get(i).exercise(), k -> new LinkedHashMap<>())
                    .put(variants.get(i).name(), Math.round(runs.get(i).seconds() * 10) / 10.0);
        }

        double elapsed = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "learn verify: %d exercise(s), %d variant(s), %d test JVM(s) (%d at once), %.1f s%n",
                exercises.size(), variants.size(), jvmStarts, jobs, elapsed);
        verdicts.forEach(this::print);
        if (json != null) {
            writeJson(json, verdicts, seconds, elapsed);
        }
        long broken = verdicts.stream().filter(v -> !v.problems().isEmpty()).count();
        if (broken > 0) {
            out.println("FAILED: " + broken + " exercise(s) are not sound; the reasons are above.");
            return 1;
        }
        out.println("OK: every solution passes, every stub fails, every classic mistake is caught.");
        return 0;
    }

    /** One exercise's variants being compiled, each handed to the test JVMs as soon as it compiles. */
    private record Batch(WorkbookBuild build, Exercise exercise, WorkbookBuild.Compiled compiled, List<Variant> variants,
                         TestJvms jvms, List<String> problems) {

        /** Compiles one variant and queues it; null (and a problem) when it does not compile. */
        Variant add(Variant.Kind kind, String mistake) {
            try {
                Variant v = build.variant(exercise, kind, mistake, compiled);
                variants.add(v);
                jvms.submit(v);
                return v;
            } catch (WorkbookBuild.CompileFailed e) {
                problems.add(e.getMessage());
                return null;
            }
        }
    }

    private static Verdict judge(Exercise exercise, List<Variant> variants, List<TestOutcome> outcomes,
                                 List<String> problems) {
        var found = new ArrayList<>(problems);
        boolean solutionPassed = false;
        boolean stubFailed = false;
        var caught = new LinkedHashMap<String, Boolean>();
        var messages = new LinkedHashMap<String, String>();
        exercise.mistakes().keySet().stream().sorted().forEach(m -> caught.put(m, false));
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            if (!v.exercise().equals(exercise.id())) {
                continue;
            }
            TestOutcome o = outcomes.get(i);
            switch (v.kind()) {
                case SOLUTION -> {
                    solutionPassed = o.passed();
                    if (!solutionPassed) {
                        found.add("the solution must pass every test, but " + firstProblem(o));
                    }
                }
                case STUB -> {
                    stubFailed = o.failed();
                    if (!stubFailed) {
                        found.add("the stub passes every test: a learner would be done before starting;"
                                + " the stub must fail at least one test");
                    }
                }
                case MISTAKE -> {
                    String says = exercise.mistakeSays().get(v.name());
                    if (o.failed()) {
                        messages.put(v.name(), firstProblem(o));
                    }
                    boolean ownReason = says == null || o.failed() && said(o).contains(says);
                    caught.put(v.name(), o.failed() && ownReason);
                    if (o.passed()) {
                        found.add("mistake '" + v.name() + "' (" + exercise.mistakes().get(v.name()) + ") passes every"
                                + " test: the tests cannot tell it from a solution; make one of them catch it");
                    } else if (!ownReason) {
                        found.add("mistake '" + v.name() + "' (" + exercise.mistakes().get(v.name()) + ") fails, but"
                                + " not for its own reason: no failure says \"" + says + "\"; the first says: "
                                + firstProblem(o));
                    }
                }
            }
        }
        solutionPassed &= found.stream().noneMatch(p -> p.startsWith("the solution"));
        return new Verdict(exercise, solutionPassed, stubFailed, caught, found, messages);
    }

    /** Everything a failing outcome told the learner: the error, or every failure's message. */
    private static String said(TestOutcome o) {
        return o.error() != null ? o.error()
                : String.join("\n", o.failures().stream().map(TestOutcome.Failure::message).toList());
    }

    private static String firstProblem(TestOutcome o) {
        if (o.error() != null) {
            return o.error();
        }
        TestOutcome.Failure f = o.failures().getFirst();
        String message = f.message().lines().limit(6).reduce((a, b) -> a + "\n      " + b).orElse("");
        return f.test() + " failed: " + message;
    }

    private void print(Verdict v) {
        long caught = v.mistakesCaught().values().stream().filter(b -> b).count();
        out.printf(Locale.ROOT, "  %-34s solution %-7s stub %-7s mistakes caught %d/%d%n", v.exercise().id(),
                v.solutionPassed() ? "passed" : "FAILED", v.stubFailed() ? "failed" : "PASSED",
                caught, v.mistakesCaught().size());
        v.problems().forEach(p -> out.println("    ✗ " + p));
    }

    private static void writeJson(Path file, List<Verdict> verdicts, Map<String, Map<String, Double>> variantSeconds,
                                  double seconds) throws IOException {
        var report = new Report(verdicts.stream()
                .map(v -> new Report.Entry(v, variantSeconds.getOrDefault(v.exercise().id(), Map.of()))).toList(),
                Math.round(seconds * 10) / 10.0);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, JsonIo.pretty(report));
    }
}
