package dev.rosetta.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lineage: a large value lost with the worker that kept it is rebuilt by running again exactly the tasks that made it. */
class RayLineageTest {
    private static final int LARGE = 1 << 20;
    private Ray ray;
    private String log;

    @BeforeEach
    void startCluster(@TempDir Path dir) {
        ray = Ray.init(1); // one worker: every large value is kept by the process the test kills
        log = dir.resolve("runs.log").toString();
    }

    @AfterEach
    void stopCluster() {
        ray.shutdown();
    }

    /** Records that a task ran (in the worker), so that the test can list every run. */
    static void ran(String log, String what) throws IOException {
        Files.writeString(Path.of(log), what + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static byte[] make(String log, int seed) throws IOException {
        ran(log, "make " + seed);
        byte[] bytes = new byte[LARGE];
        java.util.Arrays.fill(bytes, (byte) seed);
        return bytes;
    }

    static byte[] grow(String log, byte[] bytes) throws IOException {
        ran(log, "grow");
        byte[] twice = java.util.Arrays.copyOf(bytes, bytes.length * 2);
        System.arraycopy(bytes, 0, twice, bytes.length, bytes.length);
        return twice;
    }

    static long sum(String log, byte[] bytes) throws IOException {
        ran(log, "sum");
        long sum = 0;
        for (byte b : bytes) {
            sum += b;
        }
        return sum;
    }

    /** A large value returned by an actor call, which has no lineage. */
    public static final class Maker {
        public byte[] make(int seed) {
            byte[] bytes = new byte[LARGE];
            java.util.Arrays.fill(bytes, (byte) seed);
            return bytes;
        }
    }

    private List<String> runs() throws IOException {
        return Files.readAllLines(Path.of(log));
    }

    private void killTheWorker() throws Exception {
        ProcessHandle worker = ProcessHandle.of(ray.workerPids().getFirst()).orElseThrow();
        worker.destroyForcibly();
        worker.onExit().get(TimeLimits.LONG.toSeconds(), TimeUnit.SECONDS);
    }

    /** get of a lost value re-runs its task, whose lost argument re-runs its own task: make, grow again, nothing else. */
    @Test
    void getRebuildsALostValueThroughItsLineage() throws Exception {
        String at = log;
        ObjectRef<byte[]> made = ray.remote((Integer seed) -> make(at, seed)).remote(1);
        ObjectRef<byte[]> grown = ray.remote((byte[] b) -> grow(at, b)).remote(made);
        ray.wait(List.of(grown), 1, TimeLimits.LONG);
        ObjectRef<Integer> small = ray.remote((Integer x) -> {
            ran(at, "small");
            return x;
        }).remote(7);
        assertEquals(7, ray.get(small));
        assertEquals(List.of("make 1", "grow", "small"), runs());

        killTheWorker();

        byte[] value = ray.get(grown);
        assertEquals(2 * LARGE, value.length);
        assertTrue(value[0] == 1 && value[value.length - 1] == 1, "the rebuilt value differs from the lost one");
        assertEquals(List.of("make 1", "grow", "small", "make 1", "grow"), runs(),
                "after the loss exactly the lineage of the lost value should run again, each task once");
        assertEquals(1, grown.rebuilds());
        assertEquals(1, made.rebuilds());
        assertEquals(0, small.rebuilds());
        assertEquals(7, ray.get(small), "a small value travelled inline and was never lost");
    }

    /** A task whose argument was lost with its worker: the argument is rebuilt, then the task runs. */
    @Test
    void aLostArgumentIsRebuiltBeforeTheTaskRuns() throws Exception {
        String at = log;
        ObjectRef<byte[]> made = ray.remote((Integer seed) -> make(at, seed)).remote(2);
        ray.wait(List.of(made), 1, TimeLimits.LONG);

        killTheWorker();

        assertEquals(2L * LARGE, ray.get(ray.remote((byte[] b) -> sum(at, b)).remote(made)));
        assertEquals(List.of("make 2", "make 2", "sum"), runs());
    }

    /** A large value from an actor call has no lineage: once lost, get says so and why. */
    @Test
    void aValueWithoutLineageIsLostForGood() {
        var maker = ray.actor(Maker.class);
        ObjectRef<byte[]> made = maker.remote(Maker::make, 3);
        ray.wait(List.of(made), 1, TimeLimits.LONG);
        ray.kill(maker);
        var lost = assertThrows(ObjectLostError.class, () -> ray.get(made));
        assertTrue(lost.getMessage().startsWith(made + " is lost and cannot be rebuilt"), lost.getMessage());
        assertTrue(lost.getMessage().contains("ray.put or an actor call does not"), lost.getMessage());
    }
}
