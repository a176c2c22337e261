package dev.rosetta.coach;

import dev.rosetta.trace.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs many variants in as few JVMs as possible, and never lets one variant's wreck reach the
 * next.
 *
 * <p>All variants share one child JVM ({@link VariantRunner}) until one leaves threads it
 * cannot stop; then that JVM exits and a fresh one carries on from the next variant. A child
 * that stops answering for longer than any test could take is killed, and its variant is
 * reported as hung. So a deadlocking mistake costs one test's time limit and one JVM start,
 * and a clean workbook costs one JVM start in all.
 *
 * <p>Thread-safety: not thread-safe; one batch at a time per instance.
 */
public final class VariantBatch {
    /** One test's default time limit inside the child, in seconds, before the timeout factor. */
    static final int TEST_TIMEOUT_SECONDS = 30;

    private final Path workDir;
    private final List<Path> classPath;
    private int jvmsStarted;

    /**
     * @param workDir   where the job file and the child's log go
     * @param classPath the child's class path (the coach's own: JUnit, testkit, core, the coach)
     */
    public VariantBatch(Path workDir, List<Path> classPath) {
        this.workDir = workDir;
        this.classPath = List.copyOf(classPath);
    }

    /** How many child JVMs the last {@link #run} started. */
    public int jvmsStarted() {
        return jvmsStarted;
    }

    /** Runs every variant's tests; the outcomes in the same order. */
    public List<TestOutcome> run(List<Variant> variants) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path jobFile = workDir.resolve("jobs.json");
        Files.writeString(jobFile, Json.write(variants.stream().map(VariantBatch::job).toList()));
        TestOutcome[] outcomes = new TestOutcome[variants.size()];
        jvmsStarted = 0;
        int next = 0;
        while (next < variants.size()) {
            next = runChild(jobFile, next, variants, outcomes);
        }
        return Arrays.asList(outcomes);
    }

    private static Map<String, Object> job(Variant v) {
        var job = new LinkedHashMap<String, Object>();
        job.put("exercise", v.exercise());
        job.put("variant", v.label());
        job.put("classDirs", v.classDirs().stream().map(Path::toString).toList());
        job.put("tests", v.tests());
        job.put("timeoutSeconds", TEST_TIMEOUT_SECONDS);
        return job;
    }

    /** Starts a child at {@code start}; returns the index of the first variant it did not report. */
    private int runChild(Path jobFile, int start, List<Variant> variants, TestOutcome[] outcomes)
            throws IOException, InterruptedException {
        jvmsStarted++;
        Process child = start(jobFile, start);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().daemon(true).name("variant-runner-reader").start(() -> pump(child, lines));
        int current = start;
        try {
            while (current < variants.size()) {
                long patience = patienceSeconds(variants.get(current));
                String line = lines.poll(patience, TimeUnit.SECONDS);
                if (line == null) {
                    outcomes[current] = TestOutcome.error("hung: the test JVM gave no answer for " + patience
                            + " s and was killed (see " + log() + ")");
                    return current + 1;
                }
                if (line.startsWith(VariantRunner.RESULT)) {
                    Map<String, Object> result = Json.parseObject(line.substring(VariantRunner.RESULT.length()));
                    outcomes[current] = TestOutcome.fromJson(castMap(result.get("outcome")));
                    current++;
                } else if (line.startsWith(VariantRunner.TAINTED) || line.equals(EOF)) {
                    break;
                }
            }
            if (current < variants.size() && outcomes[current] == null && !child.isAlive()
                    && child.exitValue() != VariantRunner.EXIT_TAINTED) {
                outcomes[current] = TestOutcome.error("the test JVM exited with code " + child.exitValue()
                        + " while running it (see " + log() + ")");
                return current + 1;
            }
            return current;
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            reader.join(1000);
        }
    }

    private static final String EOF = "@@eof";

    private static void pump(Process child, BlockingQueue<String> lines) {
        try (var in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the child was killed; EOF follows
        }
        try {
            child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lines.add(EOF);
    }

    /** The longest a variant may take: every test at its limit, plus JVM start and slack. */
    private static long patienceSeconds(Variant v) {
        double factor = Double.parseDouble(System.getProperty("rosetta.timeout.factor", "1"));
        return (long) ((v.tests().size() * 4L * TEST_TIMEOUT_SECONDS + 30) * Math.max(1, factor));
    }

    private Process start(Path jobFile, int start) throws IOException {
        String javaBin = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(javaBin,
                "-Drosetta.timeout.factor=" + System.getProperty("rosetta.timeout.factor", "1"),
                "-XX:+EnableDynamicAgentLoading", "-Xshare:auto",
                "-cp", String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()),
                VariantRunner.class.getName(), jobFile.toString(), Integer.toString(start)));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
    }

    private Path log() {
        return workDir.resolve("runner.log");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
