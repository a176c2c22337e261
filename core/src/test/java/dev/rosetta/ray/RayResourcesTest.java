package dev.rosetta.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resources: num_cpus and custom resources decide how many tasks run at once; more than the cluster has waits, with a warning. */
class RayResourcesTest {
    private static Ray ray;

    @BeforeAll
    static void startCluster() {
        ray = Ray.init(Ray.Options.workers(3).resources("slot", 2));
    }

    @AfterAll
    static void stopCluster() {
        ray.shutdown();
    }

    /** The cluster's resources are its workers as CPUs plus the custom ones it was started with. */
    @Test
    void theClusterHasItsWorkersAsCpus() {
        assertEquals(Map.of("CPU", 3.0, "slot", 2.0), ray.clusterResources());
    }

    /** Three workers, but tasks holding one of two "slot"s: never more than two inside at once (and two do overlap). */
    @Test
    void aCustomResourceLimitsHowManyRunAtOnce(@TempDir Path dir) {
        String at = dir.toString();
        var probe = ray.remote((Integer i) -> Inside.enterAndWatch(at, 1, 2)).resources("slot", 1);
        List<ObjectRef<Double>> refs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refs.add(probe.remote(i));
        }
        double most = ray.get(refs).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(most <= 2, most + " tasks holding a slot ran at once, but the cluster has 2 slots: the scheduler ignored resources");
        assertEquals(2, most, "two slot tasks never overlapped: the scheduler runs them one at a time");
    }

    /** numCpus: two 2-CPU tasks never run together on 3 CPUs, and 1-CPU tasks fill only what is left: the CPUs inside never exceed 3. */
    @Test
    void numCpusIsHeldWhileATaskRuns(@TempDir Path dir) {
        String at = dir.toString();
        var two = ray.remote((Integer i) -> Inside.enterAndWatch(at, 2, 3)).numCpus(2);
        var one = ray.remote((Integer i) -> Inside.enterAndWatch(at, 1, 3));
        List<ObjectRef<Double>> refs = List.of(two.remote(0), one.remote(1), one.remote(2), two.remote(3), one.remote(4));
        double most = ray.get(refs).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(most <= 3, most + " CPUs were held at once on a cluster of 3: the 2-CPU tasks were not counted as 2");
        assertEquals(3, most, "a 2-CPU task and a 1-CPU task never ran together: the scheduler left a CPU idle");
    }

    /** A task asking for more than the cluster has waits aside with a warning naming both; the tasks behind it still run. */
    @Test
    void moreThanTheClusterHasWaitsWithAWarning() {
        try (Ray small = Ray.init(1)) {
            ObjectRef<Integer> greedy = small.remote((Integer x) -> x).numCpus(8).remote(1);
            ObjectRef<Integer> gpu = small.remote((Integer x) -> x).resources("GPU", 1).remote(2);
            assertEquals(3, small.get(small.remote((Integer x) -> x).remote(3)), "a waiting task blocked the ones behind it");
            assertTrue(small.wait(List.of(greedy, gpu), 1, TimeLimits.SHORT).ready().isEmpty(), "a task ran without its resources");
            String warnings = String.join("\n", small.warnings());
            assertTrue(warnings.contains("asks for {CPU=8.0} but the cluster has {CPU=1.0} in all"), warnings);
            assertTrue(warnings.contains("asks for {CPU=1.0, GPU=1.0}"), warnings);
            small.shutdown();
            assertTrue(greedy.ready() && gpu.ready(), "a waiting task was left hanging by shutdown");
            var e = assertThrows(java.util.concurrent.CompletionException.class, () -> greedy.future().join());
            assertTrue(e.getCause().getMessage().contains("waited for {CPU=8.0} and never ran"), e.getCause().getMessage());
        }
    }
}
