package dev.rosetta.examples.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.PrintedOutput;
import dev.rosetta.testkit.TimelineBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example main runs and prints what its javadoc and docs/multiprocessing.md say. */
class ExamplesTest {

    /** CPU-bound tasks run on the pool and the speed-up is reported (not asserted: speed belongs to the tour). */
    @Test
    void cpuBoundMap() throws Throwable {
        String out = PrivateRun.of(CpuBoundMap.class, "1");
        assertTrue(out.contains("8 CPU-bound tasks on Pool(2):") && out.contains("(8 results)"), out);
        assertTrue(out.matches("(?s).*speed-up: \\d+\\.\\d\\dx on \\d+ cores.*"), out);
    }

    /** The worker's static counter moves; the parent's stays at 0. */
    @Test
    void isolation() throws Throwable {
        String out = PrintedOutput.ofMain(Isolation.class);
        assertTrue(out.contains("the worker's counter after each task: [1, 2, 3]"), out);
        assertTrue(out.contains("the parent's counter: 0"), out);
    }

    /** A SIGKILLed worker's task fails with a clear error and the pool goes on. */
    @Test
    void crashSurvived() throws Throwable {
        String out = PrintedOutput.ofMain(CrashSurvived.class);
        assertTrue(out.contains("with SIGKILL while it runs a task"), out);
        assertTrue(out.contains("its task: worker ") && out.contains("died (killed by signal 9 (SIGKILL))"), out);
        assertTrue(out.contains("the pool goes on: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]"), out);
    }

    /** Each chunk size is timed, ending with CPython's default. */
    @Test
    void chunksizeEffect() throws Throwable {
        String out = PrintedOutput.ofMain(ChunksizeEffect.class, "2000");
        assertTrue(out.contains("chunksize     1:") && out.contains("chunksize   250:"), out);
        assertTrue(out.contains("ceil(n / (4 x processes))"), out);
    }

    /**
     * The atomic counter is exact and the block is unlinked afterwards. The plain counter's line is
     * printed; how much it loses is a race, so its loss is proved with the race forced, in
     * {@link SharedCounterRaceTest}.
     */
    @Test
    void sharedCounterTheAtomicAddIsExactAndNothingIsLeftBehind() throws Throwable {
        String out = PrintedOutput.ofMain(SharedCounter.class, "20000");
        assertTrue(out.contains("atomic add:           80,000 of 80,000 (lost 0)"), out);
        assertTrue(out.contains("plain read-add-write: "), out);
        assertTrue(out.matches("(?s).*unlinked: the block 'example-counter-\\d+' exists afterwards: false.*"), out);
    }

    /** Two producer processes, one consumer, a small shared queue: every item arrives. */
    @Test
    void producerConsumer() throws Throwable {
        String out = PrintedOutput.ofMain(ProducerConsumer.class);
        assertTrue(out.contains("consumed A: item 4") && out.contains("consumed B: item 4"), out);
        assertTrue(out.contains("consumed 10 items from 2 producer processes through a queue of 4"), out);
    }

    /** Process from start to exit code, with a JoinableQueue: the same facts CPython 3.11 prints for the same program. */
    @Test
    void processLifecycle() throws Throwable {
        String out = PrintedOutput.ofMain(ProcessLifecycle.class);
        assertTrue(out.contains("squares: [0, 1, 4, 9, 16, 25]\nresults.get(timeout=0.1): Queue.Empty\n"), out);
        assertTrue(out.matches("(?s).*Process-\\d+ exitcode 0\nProcess-\\d+ exitcode 0\n.*"), out);
        assertTrue(out.contains("fails exitcode 1\nexits exitcode 3\nafter join(0.1): alive true exitcode null\n"
                + "terminate: -15\nkill: -9\n"), out);
    }

    /** The start-up breakdown prints every phase for one and two workers, and each option's time (speed itself is not asserted). */
    @Test
    void startupCost() throws Throwable {
        String out = PrintedOutput.ofMain(StartupCost.class, "1");
        assertTrue(out.contains("without an archive (a first start, or rosetta.workerCache=off):"), out);
        for (String phase : new String[] {"launch: fork/exec", "JDK boot:", "worker main -> Start read:",
                "Start -> Ready:", "Ready written -> the pool has it", "total: new Pool(n) until every worker is ready"}) {
            assertTrue(out.matches("(?s).*\\Q" + phase + "\\E[^\\n]*\\d+\\.\\d +\\d+\\.\\d.*"), phase + " missing in\n" + out);
        }
        assertTrue(out.matches("(?s).*the starting point: [^\\n]* \\d+\\.\\d ms.*"), out);
        assertTrue(out.matches("(?s).*-XX:TieredStopAtLevel=1 \\(C1 only: NOT kept\\) +\\d+\\.\\d ms.*"), out);
        // the build's tests run with ROSETTA_WORKER_CACHE=off: the archive's own rows are left out, and it says why
        assertTrue(out.contains("+ the workers' dynamic CDS archive (kept)") || out.contains("(no workers' archive here"), out);
    }

    /** Runs a main through {@link PrintedOutput}. */
    private static final class PrivateRun {
        static String of(Class<?> main, String... args) throws Throwable {
            return PrintedOutput.ofMain(main, args);
        }
    }

    /** With --timeline FILE each chunk is drawn on the lane of the worker process that ran it. */
    @Test
    void cpuBoundMapDrawsItsWorkers(@TempDir Path dir) throws Throwable {
        String printed = PrintedOutput.ofMain(CpuBoundMap.class, "2", "--timeline", dir.resolve("pool.svg").toString());
        assertTrue(printed.contains("timeline: " + dir.resolve("pool.svg")), printed);
        Set<String> lanes = TimelineBars.lanes(dir.resolve("pool.svg"));
        assertTrue(!lanes.isEmpty() && lanes.stream().allMatch(l -> l.matches("worker-\\d+ \\(pid \\d+\\)/main")),
                "every chunk on a worker's lane 'worker-N (pid P)/main': " + lanes);
        assertTrue(Files.notExists(dir.resolve("pool.json")), "FILE.svg asks for the picture only");
    }
}
