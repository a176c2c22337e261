package dev.rosetta.coach;

import dev.rosetta.testkit.LiveThreads;
import dev.rosetta.trace.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The main of the throw-away JVM in which exercise tests run ({@link TestJvm} starts it).
 *
 * <p>Protocol, one line each way: the coach writes a job ({@code {"classDirs", "tests",
 * "timeoutSeconds"}}) to standard input; this JVM runs it in a class loader of its own
 * ({@link IsolatedTests}) and answers {@code @@result {json}}, then {@code @@ready} — or
 * {@code @@tainted NAMES} and exits, when the job left threads that an interrupt cannot stop
 * (a deadlocked or spinning mistake): such a JVM would slow down or confuse the next job.
 * Whatever the tests print goes to standard error, so it cannot garble the protocol. When
 * standard input closes (the coach is done, or dead) this JVM exits.
 */
public final class VariantRunner {
    static final String RESULT = "@@result ";
    static final String READY = "@@ready";
    static final String TAINTED = "@@tainted ";

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
            Map<String, Object> job = Json.parseObject(line);
            Set<Thread> before = LiveThreads.snapshot();
            TestOutcome outcome = IsolatedTests.run(
                    ((List<?>) job.get("classDirs")).stream().map(d -> Path.of((String) d)).toList(),
                    ((List<?>) job.get("tests")).stream().map(String::valueOf).toList(),
                    Map.of("rosetta.test.timeout.seconds", String.valueOf(job.get("timeoutSeconds"))));
            var result = new LinkedHashMap<String, Object>();
            result.put("outcome", outcome.toJson());
            protocol.println(RESULT + Json.write(result));
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
