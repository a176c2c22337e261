package dev.rosetta.examples.joblib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.PrintedOutput;
import dev.rosetta.testkit.TimeLimit;
import org.junit.jupiter.api.Test;

/** Every example main runs and prints what its javadoc says (facts and structure, never speed). */
@TimeLimit(seconds = 120)
class ExamplesTest {

    /** The three runs agree on the sum; auto-batching reports its batch sizes growing. */
    @Test
    void tinyTaskTrap() throws Throwable {
        String out = PrintedOutput.ofMain(TinyTaskTrap.class, "5000");
        assertTrue(out.contains("(sum 235666.7)"), out);
        assertEquals(3, out.split("\\(sum 235666\\.7\\)", -1).length - 1, out);
        assertTrue(out.contains("[Parallel(n_jobs=2)]: Using backend LokyBackend with 2 concurrent workers."), out);
        assertTrue(out.contains("Batch computation too fast"), out);
        assertTrue(out.contains("Setting batch_size=2.") && out.contains("Setting batch_size=4."), out);
    }

    /** In order waits for the slow first task; unordered hands each result over while the others still run. */
    @Test
    void streamingResults() throws Throwable {
        String out = PrintedOutput.ofMain(StreamingResults.class);
        assertEquals("""
                finished 3
                finished 2
                finished 1
                finished 0
                in order 0
                in order 1
                in order 2
                in order 3
                finished 3
                as done  3
                finished 2
                as done  2
                finished 1
                as done  1
                finished 0
                as done  0
                """, out);
    }

    @Test
    void memoryCache() throws Throwable {
        String out = PrintedOutput.ofMain(MemoryCache.class);
        assertTrue(out.startsWith("  computing 3\nsquare(3) = 9\nsquare(3) = 9   (read from"), out);
        assertTrue(out.contains("  computing 4\nsquare(4) = 16\nhits 1, misses 2\n  computing 3\nafter clear(): square(3) = 9"), out);
    }

    /** Three ways, the same eight results; the speed-ups are printed, never asserted. */
    @Test
    void cpuSpeedup() throws Throwable {
        String out = PrintedOutput.ofMain(CpuSpeedup.class, "5");
        assertTrue(out.contains("Parallel(n_jobs=2):") && out.contains("a parallel stream:"), out);
        assertTrue(out.contains("the same eight results every way: true"), out);
    }

    /** Not in a terminal (a test): no bar is drawn, only the result. */
    @Test
    void progressBarIsQuietWithoutATerminal() throws Throwable {
        assertEquals("sum 19900\n", PrintedOutput.ofMain(ProgressBar.class));
    }

    /** With --timeline FILE the batches are drawn on the workers' lanes, named by their size. */
    @Test
    void timelineDrawsTheBatches(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Throwable {
        String printed = PrintedOutput.ofMain(TinyTaskTrap.class, "2000", "--timeline", dir.resolve("joblib.svg").toString());
        assertTrue(printed.contains("timeline: " + dir.resolve("joblib.svg")), printed);
        String svg = java.nio.file.Files.readString(dir.resolve("joblib.svg"));
        assertTrue(svg.contains("joblib batch"), "the legend names the batches' kind");
        assertTrue(svg.contains("worker-1 (pid "), "a worker process's lane");
    }
}
