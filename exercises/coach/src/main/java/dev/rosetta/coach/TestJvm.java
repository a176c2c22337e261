package dev.rosetta.coach;

import dev.rosetta.multiprocessing.Spawn;
import dev.rosetta.trace.JsonIo;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A warm JVM for running exercise tests, replaced whenever a variant wrecks it.
 *
 * <p>Starting a JVM and JUnit costs about a second; running a small exercise's tests in a warm
 * one costs a fraction of that. So variants share one child JVM ({@link VariantRunner}) for as
 * long as it stays clean. When a variant leaves threads it cannot stop (a deadlock, a spin), the
 * child says so and exits, and the next run starts a fresh one. When a child stops answering for
 * longer than any test could take, it is killed and the variant is reported as hung. So a
 * deadlocking mistake costs one test's time limit and one JVM start; the coach's watch loop
 * and {@code learn verify} both stand on this.
 *
 * <p>Thread-safety: not thread-safe; one run at a time.
 */
public final class TestJvm implements AutoCloseable {
    /** One test's default time limit inside the child, in seconds, before the timeout factor. */
    static final int TEST_TIMEOUT_SECONDS = 30;
    private static final String EOF = "@@eof";

    private final Path workDir;
    private final List<Path> classPath;
    private Process child;
    private BufferedWriter jobs;
    private BlockingQueue<String> answers;
    private int started;

    /**
     * @param workDir   where the child's log goes ({@code runner.log}: what the tests printed)
     * @param classPath the child's class path: the coach's own, which has JUnit, testkit and core
     */
    public TestJvm(Path workDir, List<Path> classPath) {
        this.workDir = workDir;
        this.classPath = List.copyOf(classPath);
    }

    /** How many JVMs this has started so far. */
    public int jvmsStarted() {
        return started;
    }

    /** Starts the child now, if none is running, so that the first {@link #run} need not wait for it. */
    public void warm() throws IOException, InterruptedException {
        if (child == null || !child.isAlive()) {
            start();
        }
    }

    /** Runs one variant's tests, in the warm JVM if there is one, else in a new one. */
    public TestOutcome run(Variant variant) throws IOException, InterruptedException {
        warm();
        jobs.write(JsonIo.compact(job(variant)));
        jobs.newLine();
        jobs.flush();
        long patience = patienceSeconds(variant);
        String line = next(patience);
        if (line == null || !line.startsWith(VariantRunner.RESULT)) {
            String why = line == null ? "hung: the test JVM gave no answer for " + patience + " s and was killed"
                    : "the test JVM died while running it";
            stop();
            return TestOutcome.error(why + " (what it printed is in " + log() + ")");
        }
        TestOutcome outcome = JsonIo.parse(line.substring(VariantRunner.RESULT.length()), TestOutcome.class);
        String after = next(30);
        if (!VariantRunner.READY.equals(after)) {
            stop();
        }
        return outcome;
    }

    private String next(long seconds) throws InterruptedException {
        String line = answers.poll(seconds, TimeUnit.SECONDS);
        return line == null || line.equals(EOF) ? null : line;
    }

    private static VariantRunner.Job job(Variant v) {
        return new VariantRunner.Job(v.exercise(), v.label(), v.classDirs().stream().map(Path::toString).toList(),
                v.tests(), TEST_TIMEOUT_SECONDS);
    }

    /** The longest a variant may take: every test at its limit, plus slack. */
    private static long patienceSeconds(Variant v) {
        double factor = Double.parseDouble(System.getProperty("rosetta.timeout.factor", "1"));
        return (long) ((v.tests().size() * 4L * TEST_TIMEOUT_SECONDS + 30) * Math.max(1, factor));
    }

    private void start() throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        List<String> command = Spawn.commandLine(List.of(
                        "-Drosetta.timeout.factor=" + System.getProperty("rosetta.timeout.factor", "1"),
                        "-XX:+EnableDynamicAgentLoading", "-Xshare:auto", "-XX:TieredStopAtLevel=4"),
                Spawn.classPath(classPath), VariantRunner.class.getName(), List.of());
        child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        started++;
        jobs = new BufferedWriter(new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8));
        answers = new LinkedBlockingQueue<>();
        Process mine = child;
        BlockingQueue<String> queue = answers;
        Thread.ofPlatform().daemon(true).name("test-jvm-reader").start(() -> pump(mine, queue));
        String hello = next(60);
        if (!VariantRunner.READY.equals(hello)) {
            stop();
            throw new IOException("the test JVM did not start (see " + log() + ")");
        }
    }

    private static void pump(Process child, BlockingQueue<String> lines) {
        try (var in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the child was killed: EOF follows
        }
        lines.add(EOF);
    }

    private void stop() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            child = null;
        }
    }

    private Path log() {
        return workDir.resolve("runner.log");
    }

    /** Closes the child's input, so it exits; kills it if it does not within a few seconds. */
    @Override
    public void close() throws InterruptedException {
        if (child == null) {
            return;
        }
        try {
            jobs.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!child.waitFor(5, TimeUnit.SECONDS)) {
            stop();
        }
        child = null;
    }
}
