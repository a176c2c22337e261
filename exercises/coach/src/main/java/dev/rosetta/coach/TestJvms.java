package dev.rosetta.coach;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several {@link TestJvm}s that run a batch of variants at once, for {@code learn verify}.
 *
 * <p>Most of the time an exercise's tests take is waiting, not computing: a mistake that
 * deadlocks costs its test's time limit, a test that proves something does <em>not</em> happen
 * waits out a short window, a worker process takes a while to start. So while one JVM waits,
 * another can run the next variant; and while the coach compiles the next mistake, the JVMs
 * run the ones already compiled. Variants are run in the order they are {@linkplain #submit
 * submitted}, each by whichever JVM is free, and each result lands in its variant's place.
 *
 * <p>Each JVM is a {@link TestJvm} of its own (a directory {@code NAME-1}, {@code NAME-2}, ...
 * for its log), replaced when a variant wrecks it, exactly as when there is only one.
 *
 * <p>Thread-safety: {@link #submit}, {@link #results} and {@link #close} are called from one
 * thread; the JVMs are driven by threads of this class's own, all joined by {@link #results}
 * or {@link #close}.
 */
final class TestJvms implements AutoCloseable {
    /**
     * How many JVMs {@code learn verify} runs at once unless told: one per core, at most two. A third
     * fills waiting gaps (on 2 cores under load, 9 waiting-heavy exercises took 200 s with three
     * against 245 s with two), but it also takes CPU from the exercises whose tests force a race
     * (threading/racy-counter) or hold a window open: under load, three JVMs gave one more
     * wrong verdict than two. Verdicts come first; {@code --jobs 3} is there for a quiet machine.
     */
    static final int DEFAULT_JOBS = jobsFor(Runtime.getRuntime().availableProcessors());

    static int jobsFor(int cores) {
        return Math.min(2, Math.max(1, cores));
    }

    /** One variant's outcome and how long its run took (including a JVM start, if it needed one). */
    record Run(TestOutcome outcome, double seconds) {
    }

    private record Job(int index, Variant variant) {
    }

    private static final Job NO_MORE = new Job(-1, null);

    private final BlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final List<Run> runs = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger jvmsStarted = new AtomicInteger();
    private final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
    private int submitted;
    private boolean finished;

    /**
     * @param workDir   each JVM's log goes to {@code workDir-K/runner.log}
     * @param classPath the JVMs' class path (see {@link TestJvm})
     * @param jobs      how many JVMs run at once, at least 1
     */
    TestJvms(Path workDir, List<Path> classPath, int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, was " + jobs);
        }
        for (int k = 1; k <= jobs; k++) {
            var jvm = new TestJvm(workDir.resolveSibling(workDir.getFileName() + "-" + k), classPath);
            threads.add(Thread.ofPlatform().name("test-jvm-" + k).start(() -> serve(jvm)));
        }
    }

    /** Queues {@code variant}; it runs as soon as a JVM is free. Its result is the next index of {@link #results}. */
    void submit(Variant variant) {
        runs.add(null);
        jobs.add(new Job(submitted++, variant));
    }

    /** Waits for every submitted variant; their runs, in the order they were submitted. */
    List<Run> results() throws IOException, InterruptedException {
        finish();
        if (!failures.isEmpty()) {
            var failed = new IOException("a test JVM failed: " + failures.getFirst().getMessage(), failures.getFirst());
            failures.stream().skip(1).forEach(failed::addSuppressed);
            throw failed;
        }
        return List.copyOf(runs);
    }

    /** How many JVMs were started in all. */
    int jvmsStarted() {
        return jvmsStarted.get();
    }

    private void serve(TestJvm jvm) {
        try (jvm) {
            jvm.warm(); // while the coach still compiles
            for (Job job = jobs.take(); job != NO_MORE; job = jobs.take()) {
                long start = System.nanoTime();
                TestOutcome outcome = jvm.run(job.variant());
                runs.set(job.index(), new Run(outcome, (System.nanoTime() - start) / 1e9));
            }
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            jvmsStarted.addAndGet(jvm.jvmsStarted());
        }
    }

    private void finish() throws InterruptedException {
        if (finished) {
            return;
        }
        finished = true;
        threads.forEach(t -> jobs.add(NO_MORE));
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Stops taking variants, lets the JVMs finish the ones they run, and closes them. */
    @Override
    public void close() throws InterruptedException {
        if (!finished) {
            jobs.clear();
        }
        finish();
    }
}
