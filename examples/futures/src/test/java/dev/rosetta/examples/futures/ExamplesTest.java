package dev.rosetta.examples.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.PrintedOutput;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimelineBars;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example main runs and prints what its javadoc and docs/futures.md say (facts and structure, never speed). */
class ExamplesTest {

    /** The same program prints the same lines on threads and processes, but for where the tasks ran; a lock is refused by processes. */
    @Test
    @TimeLimit(seconds = 60)
    void pythonToJava() throws Throwable {
        String out = PrintedOutput.ofMain(PythonToJava.class);
        String[] runs = out.split("(?m)^== ");
        assertEquals(4, runs.length, out);
        for (String run : List.of(runs[1], runs[2])) {
            assertTrue(run.matches("(?s).*\\.join\\(\\)\\s+1024\n.*"), run);
            assertTrue(run.contains("[0, 1, 4, 9, 16]") && run.contains("[9, 16, 25]"), run);
            assertTrue(run.contains("3 done, 0 not done") && run.contains("terminated: true"), run);
            assertTrue(run.contains("RejectedExecutionException               cannot schedule new futures after shutdown"), run);
        }
        assertTrue(runs[1].startsWith("ThreadPoolExecutor(2)") && runs[1].matches("(?s).*my pid\\s+true\n.*"), runs[1]);
        assertTrue(runs[2].startsWith("ProcessPoolExecutor(2)") && runs[2].matches("(?s).*my pid\\s+false\n.*"), runs[2]);
        assertTrue(runs[3].contains("on threads:   ran, returned 49"), runs[3]);
        assertTrue(runs[3].contains("on processes: refused at submit, PicklingError: it captures a java.lang.Object"), runs[3]);
    }

    /** map gives input order only after the slowest, as_completed gives finishing order. */
    @Test
    void mapOrderVersusAsCompleted() throws Throwable {
        String out = PrintedOutput.ofMain(MapOrderVersusAsCompleted.class);
        assertTrue(out.contains("""
                  task 3 finished
                  task 2 finished
                  task 1 finished
                  task 0 finished
                  map gave 0   <- only now: it waited for task 0, the last to finish
                  map gave 1
                  map gave 2
                  map gave 3
                map order: [0, 1, 2, 3] (input order)
                """), out);
        assertTrue(out.contains("""
                  task 3 finished
                  as_completed gave 3
                  task 2 finished
                  as_completed gave 2
                  task 1 finished
                  as_completed gave 1
                  task 0 finished
                  as_completed gave 0
                as_completed order: [3, 2, 1, 0] (finishing order)
                """), out);
    }

    /** ALL_COMPLETED runs all six; FIRST_EXCEPTION then cancel stops the three queued ones, the two running finish. */
    @Test
    void firstExceptionCancelsTheRest() throws Throwable {
        String out = PrintedOutput.ofMain(FirstExceptionCancelsTheRest.class);
        assertTrue(out.contains("tasks run: [0, 1, 2, 3, 4, 5]"), out);
        assertTrue(out.contains("wait returned: task 1 done, failed with java.lang.IllegalArgumentException: task 1 failed"), out);
        assertTrue(out.contains("cancel task 0 -> false") && out.contains("cancel task 2 -> false"), out);
        assertTrue(out.contains("cancel task 3 -> true") && out.contains("cancel task 4 -> true")
                && out.contains("cancel task 5 -> true"), out);
        assertTrue(out.contains("finished anyway: [task 0 = 0, task 2 = 4]; tasks run: [0, 1, 2]; cancelled, never run: [3, 4, 5]"), out);
    }

    /** Five cancels: only a queued task, or a task that checks its interrupt, is stopped. */
    @Test
    @TimeLimit(seconds = 60)
    void whatCancelCanStop() throws Throwable {
        String out = PrintedOutput.ofMain(WhatCancelCanStop.class);
        assertTrue(out.contains("queued:  cancel() -> true, cancelled() -> true"), out);
        assertTrue(out.contains("running: cancel() -> false, running() -> true"), out);
        assertTrue(out.contains("running: result() -> finished anyway; the queued task ran: false"), out);
        assertTrue(out.contains("""
                3. CompletableFuture.supplyAsync(task, pool), running
                   cancel(true) -> true, isCancelled() -> true
                   join() -> CancellationException, yet the task is still running: true
                   the task: ran to the end"""), out);
        assertTrue(out.contains("the one that checks:       stopped by InterruptedException"), out);
        assertTrue(out.contains("the one that never checks: ran to the end (its interrupt flag was set: true)"), out);
        assertTrue(out.contains("""
                5. ProcessPoolExecutor, a task a worker process has taken
                   cancel(true) -> false, running() -> true
                   result() -> finished anyway"""), out);
    }

    /** The deadlock is detected by a bounded wait, reported, ended by shutdownNow; both fixes give 25. */
    @Test
    void oneWorkerDeadlock() throws Throwable {
        String out = PrintedOutput.ofMain(OneWorkerDeadlock.class);
        assertTrue(out.contains("TimeoutException: not done, and it never will be"), out);
        assertTrue(out.contains("\"one-worker-1\" WAITING on a CompletableFuture$Signaller"), out);
        assertTrue(out.contains("at java.util.concurrent.CompletableFuture.get(")
                && out.contains("at dev.rosetta.examples.futures.OneWorkerDeadlock.waitOnFuture("), out);
        assertTrue(out.contains("tasks waiting in the queue for a thread: 1"), out);
        assertTrue(out.contains("ThreadMXBean.findDeadlockedThreads(): none"), out);
        assertTrue(out.contains("outer failed with InterruptedException; 1 task never started"), out);
        assertTrue(out.contains("its future cancelled, so that nobody waits for it: true"), out);
        assertTrue(out.contains("pool terminated: true"), out);
        assertTrue(out.contains("outer.get() -> 25") && out.contains(".get() -> 25  (no thread ever waited"), out);
    }

    /** Both executors run their tasks; the times are printed (not asserted) and the fixed pool's extrapolated. */
    @Test
    @TimeLimit(seconds = 60)
    void virtualThreadsTenThousand() throws Throwable {
        String out = PrintedOutput.ofMain(VirtualThreadsTenThousand.class);
        assertTrue(out.matches("(?s)Executors\\.newVirtualThreadPerTaskExecutor\\(\\): 10,000 tasks x 100 ms blocked: +\\d+\\.\\d\\d s"
                + " \\(at most [\\d,]+ asleep at once\\)\n.*"), out);
        int threads = 2 * Runtime.getRuntime().availableProcessors();
        var fixed = java.util.regex.Pattern.compile("Executors\\.newFixedThreadPool\\(" + threads + "\\) \\(2 x \\d+ cores\\): +"
                + String.format("%,d", 10 * threads) + " tasks x 100 ms blocked: +\\d+\\.\\d\\d s \\(at most (\\d+) asleep at once\\)").matcher(out);
        assertTrue(fixed.find(), out);
        assertTrue(Integer.parseInt(fixed.group(1)) <= threads, "a fixed pool runs at most " + threads + " tasks at once:\n" + out);
        assertTrue(out.matches("(?s).*extrapolated to 10,000 tasks: about [\\d,]+ s, [\\d,]+x the virtual threads' time\n"), out);
    }

    /** With --timeline FILE each future's submit and run are drawn, the runs on the pool's threads. */
    @Test
    void mapOrderVersusAsCompletedDrawsItsFutures(@TempDir Path dir) throws Throwable {
        String printed = PrintedOutput.ofMain(MapOrderVersusAsCompleted.class, "--timeline", dir.resolve("futures").toString());
        assertTrue(printed.contains("timeline: " + dir.resolve("futures.svg")), printed);
        Path svg = dir.resolve("futures.svg");
        assertTrue(TimelineBars.kinds(svg).containsAll(Set.of("submit", "future runs")), "kinds drawn: " + TimelineBars.kinds(svg));
        assertTrue(TimelineBars.lanes(svg).stream().anyMatch(l -> l.startsWith("main/pool-")), "runs on the pool's threads: " + TimelineBars.lanes(svg));
    }
}
