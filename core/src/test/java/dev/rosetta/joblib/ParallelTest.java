package dev.rosetta.joblib;

import static dev.rosetta.joblib.Delayed.delayed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@TimeLimit(seconds = 60)
class ParallelTest {
    private static final CountDownLatch GATE = new CountDownLatch(1);

    static int square(int x) {
        return x * x;
    }

    static int failOnFive(int x) {
        if (x == 5) {
            throw new IllegalStateException("five is not allowed");
        }
        return x;
    }

    static int waitAtTheGate(int x) throws InterruptedException {
        GATE.await(30, TimeUnit.SECONDS);
        return x;
    }

    static int killMyWorkerOnThree(int x) throws Exception {
        if (x == 3) { // SIGKILL: the worker JVM dies mid-batch
            new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).start().waitFor();
            Thread.sleep(Long.MAX_VALUE); // the scenario: a task that runs until it is killed
        }
        return x;
    }

    static int neverReturns(int x) throws InterruptedException {
        new CountDownLatch(1).await();
        return x;
    }

    private static List<Delayed<Integer, Integer>> squares(int n) {
        return IntStream.range(0, n).mapToObj(i -> delayed(ParallelTest::square, i)).toList();
    }

    private static List<Integer> expectedSquares(int n) {
        return IntStream.range(0, n).map(i -> i * i).boxed().toList();
    }

    @Test
    void threadsKeepTheOrderOfTheInput() {
        try (var parallel = new Parallel(Parallel.Options.nJobs(2).backend(Backend.THREADING))) {
            assertEquals(expectedSquares(20_000), parallel.call(squares(20_000)));
            assertEquals(expectedSquares(3), parallel.call(squares(3)), "the same workers serve a second call");
            assertEquals(List.of(), parallel.call(squares(0)), "no tasks, no results");
        }
    }

    @Test
    void anUnorderedGeneratorGivesEveryResultOnce() {
        try (var parallel = new Parallel(Parallel.Options.nJobs(2).backend(Backend.THREADING).batchSize(7))) {
            var seen = new ArrayList<Integer>();
            parallel.<Integer>generatorUnordered(squares(1_000)).forEachRemaining(seen::add);
            assertEquals(1_000, seen.size());
            assertEquals(new HashSet<>(expectedSquares(1_000)), new HashSet<>(seen));
        }
    }

    /**
     * The input is read lazily: with every task held at a gate, only preDispatch tasks
     * (2 * n_jobs = 4) have been taken from an endless input; then results stream out in order.
     */
    @Test
    void onlyPreDispatchTasksAreTakenBeforeTheFirstResult() {
        var taken = new AtomicInteger();
        Iterable<Delayed<Integer, Integer>> endless = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Delayed<Integer, Integer> next() {
                return delayed(ParallelTest::waitAtTheGate, taken.getAndIncrement());
            }
        };
        try (var parallel = new Parallel(Parallel.Options.nJobs(2).backend(Backend.THREADING));
             var results = parallel.<Integer>generator(endless)) {
            assertEquals(4, taken.get(), "pre_dispatch='2*n_jobs' with 2 workers takes 4 tasks before any result");
            GATE.countDown();
            for (int i = 0; i < 50; i++) {
                assertEquals(i, results.next());
            }
        }
    }

    /** The first failure wins: it names the task, keeps its exception, and keeps what was computed. */
    @Test
    void theFirstFailureNamesTheTaskAndKeepsTheResults() {
        try (var parallel = new Parallel(Parallel.Options.nJobs(2).backend(Backend.THREADING).batchSize(1))) {
            var tasks = IntStream.range(0, 10).mapToObj(i -> delayed(ParallelTest::failOnFive, i)).toList();
            var error = assertThrows(TaskError.class, () -> parallel.call(tasks));
            assertEquals(5, error.index());
            assertTrue(error.getMessage().startsWith("task #5 ParallelTest.failOnFive(5) raised"), error.getMessage());
            assertInstanceOf(IllegalStateException.class, error.getCause(), "the task's own exception");
            error.completed().forEach((i, r) -> assertEquals(i, r, "result of task #" + i));
        }
    }

    /** n_jobs=1 is a plain loop in the caller's thread, and prints joblib's lines. */
    @Test
    void oneJobIsAPlainLoopInTheCaller() {
        var printed = new ByteArrayOutputStream();
        var out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (var parallel = new Parallel(Parallel.Options.nJobs(1).verbose(10, out))) {
            assertEquals(expectedSquares(10), parallel.call(squares(10)));
        }
        String said = printed.toString(StandardCharsets.UTF_8);
        try (var parallel = new Parallel(1)) {
            var tasks = IntStream.range(0, 10).mapToObj(i -> delayed(ParallelTest::failOnFive, i)).toList();
            var error = assertThrows(TaskError.class, () -> parallel.call(tasks));
            assertEquals(List.of(0, 1, 2, 3, 4), List.copyOf(error.completed().values()),
                    "what was computed before the failure is kept");
        }
        assertTrue(said.startsWith("[Parallel(n_jobs=1)]: Using backend SequentialBackend with 1 concurrent workers.\n"), said);
        assertTrue(said.contains("[Parallel(n_jobs=1)]: Done  10 out of  10 | elapsed:"), said);
        assertTrue(said.strip().endsWith("finished"), said);
    }

    /**
     * As inside joblib's {@code with Parallel(...) as parallel:}, the batch size auto-batching has
     * learned carries over to the next call of the same object: it does not start at one again.
     * (A clock that moves 1 µs per reading makes every batch "too fast", so the size only grows.)
     */
    @Test
    void theLearnedBatchSizeCarriesOverToTheNextCall() {
        var ticks = new java.util.concurrent.atomic.AtomicLong();
        var printed = new ByteArrayOutputStream();
        var out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        try (var parallel = new Parallel(Parallel.Options.nJobs(2).backend(Backend.THREADING).verbose(10, out),
                () -> ticks.addAndGet(1_000))) {
            assertEquals(expectedSquares(300), parallel.call(squares(300)));
            List<Integer> first = batchSizesSet(printed.toString(StandardCharsets.UTF_8));
            printed.reset();
            assertEquals(expectedSquares(3_000), parallel.call(squares(3_000)));
            List<Integer> second = batchSizesSet(printed.toString(StandardCharsets.UTF_8));

            assertEquals(2, first.getFirst(), "a new Parallel starts at one task per batch, then two: " + first);
            assertTrue(!second.isEmpty() && second.getFirst() > java.util.Collections.max(first),
                    "the second call should go on from the size the first one reached (" + first + "), but set " + second);
        }
    }

    private static List<Integer> batchSizesSet(String said) {
        var sizes = new java.util.ArrayList<Integer>();
        var m = java.util.regex.Pattern.compile("Setting batch_size=(\\d+)").matcher(said);
        while (m.find()) {
            sizes.add(Integer.parseInt(m.group(1)));
        }
        return sizes;
    }

    /** On worker processes: the same results; a task's failure carries the worker's traceback. */
    @Test
    void workerProcessesComputeAndReportFailures() {
        try (var parallel = new Parallel(Parallel.Options.nJobs(2))) {
            assertEquals(expectedSquares(2_000), parallel.call(squares(2_000)));
            var tasks = IntStream.range(0, 10).mapToObj(i -> delayed(ParallelTest::failOnFive, i)).toList();
            var error = assertThrows(TaskError.class, () -> parallel.call(tasks));
            assertEquals(5, error.index());
            assertTrue(error.getCause().getMessage().contains("IllegalStateException: five is not allowed"),
                    error.getCause().getMessage());
            assertTrue(error.getCause().getMessage().contains("the worker's traceback"), error.getCause().getMessage());
        }
    }

    /** A worker killed mid-run fails the call with the lost tasks named — it never hangs. */
    @Test
    void aKilledWorkerFailsTheCallAndNamesTheLostTasks() {
        try (var parallel = new Parallel(Parallel.Options.nJobs(2).batchSize(2))) {
            var tasks = IntStream.range(0, 8).mapToObj(i -> delayed(ParallelTest::killMyWorkerOnThree, i)).toList();
            var error = assertThrows(TaskError.class, () -> parallel.call(tasks));
            assertTrue(error.getMessage().startsWith("the batch of 2 task(s) from task #2 "
                    + "(ParallelTest.killMyWorkerOnThree(2), ...) was lost"), error.getMessage());
        }
    }

    /** No result within the timeout: the call fails with FuturesTimeout as the cause, and nothing is left running. */
    @Test
    void aTimeoutEndsTheCall() {
        try (var parallel = new Parallel(Parallel.Options.nJobs(2).backend(Backend.THREADING)
                .timeout(java.time.Duration.ofMillis(200)))) {
            var tasks = IntStream.range(0, 3).mapToObj(i -> delayed(ParallelTest::neverReturns, i)).toList();
            var error = assertThrows(TaskError.class, () -> parallel.call(tasks));
            assertInstanceOf(dev.rosetta.futures.FuturesTimeout.class, error.getCause());
            assertTrue(error.getMessage().startsWith("no result came within the timeout of PT0.2S"), error.getMessage());
        }
    }

    /** The bar: count, rate and time left; redrawn in place at most ten times a second; its line ended at the finish. */
    @Test
    void theProgressBarShowsCountRateAndTimeLeft() {
        assertEquals("[##########----------] 50/100 tasks  25/s  0:02 left", Parallel.Progress.barLine(50, 100, 2.0));
        assertEquals("40 tasks done  20/s", Parallel.Progress.barLine(40, -1, 2.0));
        long[] now = {0};
        var printed = new ByteArrayOutputStream();
        var progress = new Parallel.Progress(0, new PrintStream(printed, true, StandardCharsets.UTF_8), 2, () -> now[0], true);
        now[0] = 1_000_000_000L;
        progress.batchDone(10, -1);
        now[0] += 50_000_000L;
        progress.batchDone(20, -1); // 50 ms later: not redrawn
        now[0] += 950_000_000L;
        progress.batchDone(50, 100);
        progress.finished(100);
        assertEquals("\r10 tasks done  10/s\r[##########----------] 50/100 tasks  25/s  0:02 left"
                + "\r[####################] 100/100 tasks  50/s  0:00 left\n", printed.toString(StandardCharsets.UTF_8));
    }
}
