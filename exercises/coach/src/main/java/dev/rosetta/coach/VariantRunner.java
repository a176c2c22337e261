package dev.rosetta.coach;

import dev.rosetta.testkit.LiveThreads;
import dev.rosetta.trace.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The throw-away JVM in which variants run ({@link VariantBatch} starts it).
 *
 * <p>It runs the jobs of a job file from a given index, one after another, each in its own
 * class loader, and reports each on standard output as one line {@code @@result {json}}.
 * Whatever the tests print goes to standard error, so it cannot garble the protocol.
 *
 * <p>After each job it checks for threads the job left behind. If some are still alive after
 * an interrupt (a deadlocked mistake, a thread spinning forever), this JVM is a wreck that
 * would slow down or confuse the next variant: it says {@code @@tainted} and exits, and the
 * coach starts a fresh JVM for the rest. It also exits when its standard input closes, which
 * is how it learns that the coach has gone.
 */
public final class VariantRunner {
    static final String RESULT = "@@result ";
    static final String TAINTED = "@@tainted ";
    static final int EXIT_TAINTED = 3;

    private VariantRunner() {
    }

    /** {@code VariantRunner JOB_FILE START_INDEX}. */
    public static void main(String[] args) throws IOException {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        exitWhenParentGoes();
        List<Object> jobs = (List<Object>) Json.parse(Files.readString(Path.of(args[0])));
        int start = Integer.parseInt(args[1]);
        for (int i = start; i < jobs.size(); i++) {
            Map<?, ?> job = (Map<?, ?>) jobs.get(i);
            Set<Thread> before = LiveThreads.snapshot();
            TestOutcome outcome = IsolatedTests.run(
                    ((List<?>) job.get("classDirs")).stream().map(d -> Path.of((String) d)).toList(),
                    ((List<?>) job.get("tests")).stream().map(String::valueOf).toList(),
                    config(job));
            var line = new LinkedHashMap<String, Object>();
            line.put("index", i);
            line.put("outcome", outcome.toJson());
            protocol.println(RESULT + Json.write(line));
            protocol.flush();
            List<Thread> stuck = leftovers(before);
            if (!stuck.isEmpty()) {
                protocol.println(TAINTED + i + " " + stuck.stream().map(Thread::getName).toList());
                protocol.flush();
                Runtime.getRuntime().halt(EXIT_TAINTED);
            }
        }
        protocol.flush();
        Runtime.getRuntime().halt(0);
    }

    private static Map<String, String> config(Map<?, ?> job) {
        var config = new LinkedHashMap<String, String>();
        config.put("rosetta.test.timeout.seconds", String.valueOf(job.get("timeoutSeconds")));
        return config;
    }

    private static List<Thread> leftovers(Set<Thread> before) {
        List<Thread> started = LiveThreads.startedSinceIncludingTestRunners(before);
        started.forEach(Thread::interrupt);
        return LiveThreads.awaitEnd(started, Duration.ofSeconds(1));
    }

    private static void exitWhenParentGoes() {
        Thread.ofPlatform().daemon(true).name("parent-watch").start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the coach never writes; EOF means it is gone
                }
            } catch (IOException ignored) {
                // a broken pipe means the same
            }
            Runtime.getRuntime().halt(2);
        });
    }
}
