package dev.rosetta.coach;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.rosetta.trace.JsonIo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/**
 * {@code learn mutate}: how much of each reference solution its tests really pin down.
 *
 * <p>{@code learn verify} proves that the tests catch the classic mistakes the workbook ships.
 * Mutation testing asks the harder question: do they catch the mistakes nobody has written yet?
 * PIT (pitest.org) makes one small change at a time to the solution's compiled code — a
 * condition negated, a call to {@code unlock} or {@code signalAll} removed, a return value
 * replaced — and runs the exercise's tests against each such <em>mutant</em>. A mutant the tests
 * fail on (or hang on) is <em>killed</em>. One they pass <em>survives</em>: a wrong program a
 * learner could hand in and be told "passed". The score is killed / (mutants − listed).
 *
 * <p>Some mutants cannot be killed because they do not change what the program does (a removed
 * call to a method with no effect here, a boundary that no input can reach). Each such mutant is
 * listed in the manifest under the exercise's {@code equivalent_mutants}, keyed by the line this
 * command prints for it, with one line saying why; it then counts neither way. A listed mutant
 * that PIT no longer produces or that is now killed is reported, so the list cannot go stale.
 *
 * <p>Code that runs in a worker process is out of PIT's reach: the worker loads the solution's
 * classes from disk, while a mutant exists only in PIT's JVM, so every mutant there "survives".
 * Those are listed apart, under {@code unreachable_mutants}: not proven harmless, only unseen by
 * this tool (the classic mistakes that {@code learn verify} runs for real cover that code). They
 * too count neither way, are printed apart, and go stale the same way.
 *
 * <p>PIT runs in a JVM of its own per exercise, with the solution's classes in place of the
 * stubs and this JVM's class path (JUnit, testkit, core, PIT); its own log goes to
 * {@code exercises/workbook/target/coach/mutation/ID/pit.log}, its HTML report beside it.
 *
 * <p>Thread-safety: not thread-safe; one run at a time.
 */
public final class Mutate {
    /** The score every exercise must reach, in percent. */
    public static final int MINIMUM_SCORE = 90;
    /** How long PIT may take for one exercise before it is stopped. */
    private static final long PATIENCE_MINUTES = 20;

    private final Workbook workbook;
    private final PrintStream out;

    /**
     * One mutant PIT made.
     *
     * @param key    how it is named in the manifest: {@code Class.method:line description}
     * @param status PIT's verdict: KILLED, SURVIVED, NO_COVERAGE, TIMED_OUT, ...
     * @param killer the test that killed it, when one did
     */
    record Mutant(String key, String status, String killer) {
        /** Whether a test noticed it: it failed, hung or broke the test JVM. */
        boolean detected() {
            return !status.equals("SURVIVED") && !status.equals("NO_COVERAGE");
        }
    }

    /**
     * The outcome for one exercise.
     *
     * @param equivalent  survivors listed as equivalent (they cannot change what the program does)
     * @param unreachable survivors listed as out of PIT's reach (code run in a worker process)
     * @param stale listed mutants that were not seen surviving (gone, or now killed)
     */
    record Score(Exercise exercise, List<Mutant> mutants, List<Mutant> survivors, List<Mutant> equivalent,
                 List<Mutant> unreachable, List<String> stale, String problem) {
        long killed() {
            return mutants.size() - survivors.size() - equivalent.size() - unreachable.size();
        }

        /** Killed / (mutants − equivalent − unreachable), in percent; 100 when there is nothing to kill. */
        double percent() {
            long counted = mutants.size() - equivalent.size() - unreachable.size();
            return counted == 0 ? 100 : 100.0 * killed() / counted;
        }

        boolean passes(int minimum) {
            return problem == null && stale.isEmpty() && percent() >= minimum;
        }
    }

    /** What {@code --json} writes: the bar every exercise had to reach, and each exercise's score. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Report(int minimumPercent, List<Entry> exercises) {
        /** One exercise: the score, the mutants by key, and why it could not run ({@code problem}) if it could not. */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        record Entry(String id, double percent, int mutants, long killed, List<String> equivalent, List<String> unreachable,
                     List<String> survived, List<String> staleEquivalent,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String problem) {
            Entry(Score s) {
                this(s.exercise().id(), Math.round(s.percent() * 10) / 10.0, s.mutants().size(), s.killed(),
                        keys(s.equivalent()), keys(s.unreachable()), keys(s.survivors()), s.stale(), s.problem());
            }

            private static List<String> keys(List<Mutant> mutants) {
                return mutants.stream().map(Mutant::key).toList();
            }
        }
    }

    public Mutate(Workbook workbook, PrintStream out) {
        this.workbook = workbook;
        this.out = out;
    }

    /**
     * Mutation-tests the reference solutions of the given exercises (all when empty).
     *
     * @param json    where to write the scores as JSON, or null
     * @param minimum the score each exercise must reach, in percent
     * @param threads PIT's worker JVMs at once (1 keeps the tests' timing as in {@code verify})
     * @return the exit code: 0 when every exercise reaches {@code minimum} with no stale listing
     */
    public int run(List<String> ids, Path json, int minimum, int threads) throws IOException, InterruptedException {
        return run(ids, json, minimum, threads, 1);
    }

    /**
     * As {@link #run(List, Path, int, int)}, with up to {@code jobs} exercises mutation-tested at once
     * (each a PIT JVM of its own); the report is the same, in the same order, whatever {@code jobs}.
     */
    public int run(List<String> ids, Path json, int minimum, int threads, int jobs)
            throws IOException, InterruptedException {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, was " + jobs);
        }
        long started = System.nanoTime();
        Manifest manifest = workbook.manifest();
        List<Exercise> exercises = ids.isEmpty() ? manifest.exercises() : ids.stream().map(manifest::get).toList();
        var scores = new ArrayList<Score>();
        try (var javac = SourceCompiler.onOwnClassPath();
             var pits = java.util.concurrent.Executors.newFixedThreadPool(jobs, Thread.ofPlatform().name("pit-", 1).factory())) {
            var build = new WorkbookBuild(workbook, javac);
            WorkbookBuild.Compiled compiled;
            try {
                compiled = build.stubsAndTests();
            } catch (WorkbookBuild.CompileFailed e) {
                out.println("learn mutate: " + e.getMessage());
                return 2;
            }
            out.printf(Locale.ROOT, "mutation testing %d reference solution(s) with PIT; each needs %d%% of its mutants killed%n",
                    exercises.size(), minimum);
            // compiled here, one at a time (one javac); PIT runs on the pool, up to `jobs` at once
            var pending = new ArrayList<java.util.concurrent.Future<Score>>();
            for (Exercise exercise : exercises) {
                Prepared prepared = prepare(build, compiled, exercise);
                pending.add(pits.submit(() -> prepared.score(threads)));
            }
            for (var next : pending) {
                Score score = outcome(next);
                scores.add(score);
                out.println(line(score));
                score.survivors().forEach(m -> out.println("      survived: " + m.key()));
                score.unreachable().forEach(m -> out.println("      out of reach (runs in a worker): " + m.key()));
                score.stale().forEach(k -> out.println("      listed, but not seen surviving: " + k));
                if (score.problem() != null) {
                    out.println("      " + score.problem());
                }
                out.flush();
            }
        }
        if (json != null) {
            Files.createDirectories(json.toAbsolutePath().getParent());
            Files.writeString(json, JsonIo.pretty(new Report(minimum, scores.stream().map(Report.Entry::new).toList())));
        }
        long failing = scores.stream().filter(s -> !s.passes(minimum)).count();
        out.printf(Locale.ROOT, "%d exercise(s), %d mutant(s), %.0f s%n", scores.size(),
                scores.stream().mapToInt(s -> s.mutants().size()).sum(), (System.nanoTime() - started) / 1e9);
        if (failing == 0) {
            out.println("OK: every reference solution's tests kill at least " + minimum + "% of its mutants.");
            return 0;
        }
        out.println(failing + " exercise(s) below " + minimum + "%, or with a stale listing. A survivor is a"
                + " wrong program the tests pass: add a test that fails on it, or, if it cannot change what the"
                + " program does, list its line under the exercise's \"equivalent_mutants\" in exercises/manifest.json"
                + " with the reason (\"unreachable_mutants\" if it is code that runs in a worker process).");
        return 1;
    }

    private static String line(Score s) {
        if (s.problem() != null && s.mutants().isEmpty()) {
            return String.format(Locale.ROOT, "  %-34s FAILED to run", s.exercise().id());
        }
        return String.format(Locale.ROOT, "  %-34s %3.0f%%  mutants %3d  killed %3d  equivalent %2d  out of reach %2d"
                        + "  survived %2d", s.exercise().id(), s.percent(), s.mutants().size(), s.killed(),
                s.equivalent().size(), s.unreachable().size(), s.survivors().size());
    }

    /** The result of a PIT run on the pool, its own exceptions rethrown as they were. */
    private static Score outcome(java.util.concurrent.Future<Score> run) throws IOException, InterruptedException {
        try {
            return run.get();
        } catch (java.util.concurrent.ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case InterruptedException interrupted -> throw interrupted;
                case RuntimeException unchecked -> throw unchecked;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** One exercise made ready for PIT: its solution compiled over the stubs, or why it could not be. */
    private record Prepared(Mutate mutate, Exercise exercise, Path classes, Path tests, Path dir, Score cannotRun) {
        Score score(int threads) throws IOException, InterruptedException {
            if (cannotRun != null) {
                return cannotRun;
            }
            Path report = dir.resolve("report");
            deleteTree(report);
            Files.createDirectories(report);
            String problem = mutate.runPit(exercise, classes, tests, report, dir.resolve("pit.log"), threads);
            Path xml = report.resolve("mutations.xml");
            if (problem != null || !Files.isRegularFile(xml)) {
                return Mutate.failed(exercise, problem != null ? problem
                        : "PIT wrote no report; see " + mutate.workbook.show(dir.resolve("pit.log")));
            }
            return judge(exercise, readMutants(xml));
        }
    }

    private Prepared prepare(WorkbookBuild build, WorkbookBuild.Compiled compiled, Exercise exercise) throws IOException {
        Path dir = workbook.build("mutation/" + exercise.id());
        Path classes = dir.resolve("classes");
        try {
            Variant solution = build.variant(exercise, Variant.Kind.SOLUTION, null, compiled);
            // the stubs, with the solution's classes written over them: one copy of each class
            deleteTree(classes);
            copyTree(compiled.stubs(), classes);
            copyTree(solution.classDirs().getFirst(), classes);
        } catch (WorkbookBuild.CompileFailed e) {
            return new Prepared(this, exercise, classes, compiled.tests(), dir, failed(exercise, e.getMessage()));
        }
        return new Prepared(this, exercise, classes, compiled.tests(), dir, null);
    }

    private static Score failed(Exercise exercise, String problem) {
        return new Score(exercise, List.of(), List.of(), List.of(), List.of(), List.of(), problem);
    }

    /** Splits PIT's mutants into killed, listed (equivalent, unreachable) and survived, and finds stale listings. */
    static Score judge(Exercise exercise, List<Mutant> mutants) {
        var survivors = new ArrayList<Mutant>();
        var equivalent = new ArrayList<Mutant>();
        var unreachable = new ArrayList<Mutant>();
        for (Mutant m : mutants) {
            // a listed mutant that a test fails on is no longer equivalent: its listing goes stale. One that
            // only timed out stays listed: a busy machine can make an equivalent mutant slow.
            boolean killedByATest = m.status().equals("KILLED");
            if (exercise.equivalentMutants().containsKey(m.key()) && !killedByATest) {
                equivalent.add(m);
            } else if (exercise.unreachableMutants().containsKey(m.key()) && !killedByATest) {
                unreachable.add(m);
            } else if (!m.detected()) {
                survivors.add(m);
            }
        }
        var seen = java.util.stream.Stream.concat(equivalent.stream(), unreachable.stream()).map(Mutant::key).toList();
        var stale = java.util.stream.Stream.concat(exercise.equivalentMutants().keySet().stream(),
                exercise.unreachableMutants().keySet().stream()).filter(k -> !seen.contains(k)).sorted().toList();
        return new Score(exercise, mutants, survivors, equivalent, unreachable, stale, null);
    }

    /** Starts PIT on one exercise and waits for it; null when it ran, else what went wrong. */
    private String runPit(Exercise exercise, Path classes, Path tests, Path report, Path log, int threads)
            throws IOException, InterruptedException {
        List<String> libraries = SourceCompiler.ownClassPath().stream()
                .filter(p -> !isWorkbook(p)).map(Path::toString).toList();
        var targets = new ArrayList<String>();
        for (String c : exercise.editedClasses()) {
            targets.add(c);
            targets.add(c + "$*");
        }
        var classPath = new ArrayList<String>(List.of(classes.toString(), tests.toString()));
        classPath.addAll(libraries);
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        // PIT's own JVM only coordinates (its minions run the tests): C1 only and a serial GC cost less CPU
        List<String> command = List.of(javaBin, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", String.join(java.io.File.pathSeparator, libraries),
                "org.pitest.mutationtest.commandline.MutationCoverageReport",
                "--reportDir", report.toString(),
                "--targetClasses", String.join(",", targets),
                "--targetTests", String.join(",", exercise.tests()),
                "--sourceDirs", workbook.solutionSources(exercise).toString(),
                "--classPath", String.join(",", classPath),
                "--outputFormats", "XML,HTML",
                "--timestampedReports=false",
                "--threads", Integer.toString(threads),
                "--timeoutConst", "4000",
                "--jvmPath", javaBin,
                "--jvmArgs", "-Drosetta.timeout.factor=" + System.getProperty("rosetta.timeout.factor", "1"));
        var pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(workbook.root().toFile());
        // exercise tests check that nothing outlives them: no background trainer of the workers' archive
        pb.environment().put("ROSETTA_WORKER_CACHE", "off");
        Process pit = pb.start();
        try {
            if (!pit.waitFor(PATIENCE_MINUTES, TimeUnit.MINUTES)) {
                return "PIT did not finish within " + PATIENCE_MINUTES + " minutes and was stopped; see " + workbook.show(log);
            }
        } finally {
            pit.descendants().forEach(ProcessHandle::destroyForcibly);
            pit.destroyForcibly();
        }
        if (pit.exitValue() != 0) {
            List<String> said = Files.readAllLines(log);
            String last = said.stream().filter(l -> l.contains("Exception") || l.contains("ERROR")).findFirst()
                    .orElse(said.isEmpty() ? "" : said.getLast());
            return "PIT failed (exit " + pit.exitValue() + "): " + last.strip() + "; see " + workbook.show(log);
        }
        return null;
    }

    /** The workbook module's own classes (the stubs) on the class path: they would shadow the solution. */
    private static boolean isWorkbook(Path entry) {
        return entry.getFileName().toString().startsWith("rosetta-workbook")
                || entry.toAbsolutePath().normalize().endsWith(Path.of("exercises", "workbook", "target", "classes"));
    }

    /** Reads PIT's {@code mutations.xml}; names each mutant by class, method, line and change. */
    static List<Mutant> readMutants(Path xml) throws IOException {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var nodes = factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("mutation");
            var mutants = new ArrayList<Mutant>();
            var count = new HashMap<String, Integer>();
            for (int i = 0; i < nodes.getLength(); i++) {
                var e = (Element) nodes.item(i);
                String clazz = text(e, "mutatedClass");
                String key = clazz.substring(clazz.lastIndexOf('.') + 1) + "." + text(e, "mutatedMethod") + ":"
                        + text(e, "lineNumber") + " " + text(e, "description");
                int n = count.merge(key, 1, Integer::sum);
                mutants.add(new Mutant(n == 1 ? key : key + " #" + n, e.getAttribute("status"), text(e, "killingTest")));
            }
            return mutants;
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot read PIT's report " + xml + ": " + e.getMessage(), e);
        }
    }

    private static String text(Element e, String tag) {
        var nodes = e.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
