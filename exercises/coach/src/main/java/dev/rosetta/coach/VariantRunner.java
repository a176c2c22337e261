package dev.rosetta.coach;

import dev.rosetta.testkit.LiveThreads;
import dev.rosetta.trace.JsonIo;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The main of the throw-away JVM in which exercise tests run ({@link TestJvm} starts it).
 *
 * <p>Protocol, one line each way: the coach writes a job ({@code {"classDirs", "tests",
 * "timeoutSeconds"}}, a {@link Job}) to standard input; this JVM runs it in a class loader of
 * its own ({@link IsolatedTests}) and answers {@code @@result} and the {@link TestOutcome} as JSON, then {@code @@ready} — or
 * {@code @@tainted NAMES} and exits, when the job left threads that an interrupt cannot stop
 * (a deadlocked or spinning mistake): such a JVM would slow down or confuse the next job.
 * Whatever the tests print goes to standard error, so it cannot garble the protocol. When
 * standard input closes (the coach is done, or dead) this JVM exits.
 */
public final class VariantRunner {
    static final String RESULT = "@@result ";
    static final String READY = "@@ready";
    static final String TAINTED = "@@tainted ";

    /**
     * One job: run {@code tests} on a class path of {@code classDirs} (then the JVM's own), each
     * test limited to {@code timeoutSeconds}; {@code exercise} and {@code variant} name it in logs.
     */
    record Job(String exercise, String variant, List<String> classDirs, List<String> tests, int timeoutSeconds) {
    }

    private VariantRunner() {
    }

    /** Serves jobs from standard input until it closes. */
    public static void main(String[] args) throws Exception {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        var jobs = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        protocol.println(READY);
        protocol.flush();
        for (String line = jobs.readLine(); line != null; line = jobs.readLine()) {
            Job job = JsonIo.parse(line, Job.class);
            Set<Thread> before = LiveThreads.snapshot();
            TestOutcome outcome = IsolatedTests.run(job.classDirs().stream().map(Path::of).toList(), job.tests(),
                    Map.of("rosetta.test.timeout.seconds", String.valueOf(job.timeoutSeconds())));
            protocol.println(RESULT + JsonIo.compact(outcome));
            List<Thread> stuck = leftovers(before);
            if (!stuck.isEmpty()) {
                protocol.println(TAINTED + stuck.stream().map(Thread::getName).toList());
                protocol.flush();
                Runtime.getRuntime().halt(3);
            }
            protocol.println(READY);
            protocol.flush();
        }
        Runtime.getRuntime().halt(0);
    }

    private static List<Thread> leftovers(Set<Thread> before) {
        List<Thread> started = LiveThreads.startedSinceIncludingTestRunners(before);
        started.forEach(Thread::interrupt);
        return LiveThreads.awaitEnd(started, Duration.ofSeconds(1));
    }
}
