package dev.rosetta.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.multiprocessing.PicklingError;
import dev.rosetta.testkit.TimeLimits;
import dev.rosetta.trace.Tracer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote tasks, get, wait, put and dependencies on one local cluster of two workers. */
class RayTest {
    private static Ray ray;

    @BeforeAll
    static void startCluster() {
        ray = Ray.init(2);
    }

    @AfterAll
    static void stopCluster() {
        ray.shutdown();
    }

    static int square(int x) {
        return x * x;
    }

    /** remote returns refs at once; get of a list returns every value in the order of the refs, computed in workers. */
    @Test
    void getKeepsTheOrderOfTheRefs() {
        var square = ray.remote(RayTest::square);
        List<ObjectRef<Integer>> refs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            refs.add(square.remote(i));
        }
        assertEquals(IntStream.range(0, 20).map(i -> i * i).boxed().toList(), ray.get(refs));
        var pid = ray.remote((Integer x) -> ProcessHandle.current().pid());
        long worker = ray.get(pid.remote(0));
        assertTrue(ray.workerPids().contains(worker), "the task ran in " + worker + ", not in a worker " + ray.workerPids());
    }

    /** wait gives at most numReturns ready refs, in input order; get with a timeout says how many were ready. */
    @Test
    void waitTakesTheReadyOnesAndGetTimesOut(@TempDir Path dir) throws Exception {
        Path gate = dir.resolve("gate");
        String at = gate.toString();
        var quick = ray.remote((Integer x) -> x);
        var gated = ray.remote((Integer x) -> Gate.await(at) ? x : -1);
        List<ObjectRef<Integer>> refs = List.of(quick.remote(1), quick.remote(2), gated.remote(3));

        Ray.WaitResult<Integer> first = ray.wait(refs, 2, TimeLimits.LONG);
        assertEquals(refs.subList(0, 2), first.ready(), "the two quick tasks, in input order");
        assertEquals(List.of(refs.get(2)), first.notReady(), "the gated task cannot be done yet");

        var timedOut = assertThrows(GetTimeoutError.class, () -> ray.get(refs, TimeLimits.SHORT));
        assertEquals(2, timedOut.ready(), timedOut.getMessage());
        assertTrue(timedOut.getMessage().contains("2 of 3 objects were ready"), timedOut.getMessage());

        Gate.open(gate);
        assertEquals(List.of(1, 2, 3), ray.get(refs, TimeLimits.LONG));
    }

    /** A ref passed as an argument is resolved before the task runs, and a waiting task holds no worker. */
    @Test
    void refsAsArgumentsWaitInTheDriverNotInAWorker(@TempDir Path dir) throws Exception {
        Path gate = dir.resolve("gate");
        String at = gate.toString();
        var add = ray.remote((Integer a, Integer b) -> a + b);
        assertEquals(13, ray.get(add.remote(ray.remote(RayTest::square).remote(3), ray.put(4))));

        ObjectRef<Integer> slow = ray.remote((Integer x) -> Gate.await(at) ? x : -1).remote(10);
        List<ObjectRef<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            dependents.add(add.remote(slow, i));
        }
        // four dependents and one worker held by `slow`: had they taken workers to wait, this would not run
        assertEquals(7, ray.get(add.remote(3, 4)));
        assertTrue(dependents.stream().noneMatch(ObjectRef::ready), "a dependent finished before its argument");

        Gate.open(gate);
        assertEquals(List.of(10, 11, 12, 13), ray.get(dependents));
    }

    /** A task's exception reaches get with its own type, and fails the tasks that depend on it. */
    @Test
    void aTaskErrorReachesGetAndItsDependents() {
        var fail = ray.remote((Integer x) -> {
            if (x < 0) {
                throw new IllegalArgumentException("negative: " + x);
            }
            return x;
        });
        ObjectRef<Integer> bad = fail.remote(-1);
        var e = assertThrows(IllegalArgumentException.class, () -> ray.get(bad));
        assertTrue(e.getMessage().contains("negative: -1"), e.getMessage());
        var add = ray.remote((Integer a, Integer b) -> a + b);
        assertThrows(IllegalArgumentException.class, () -> ray.get(add.remote(bad, 1)));
    }

    /** retryExceptions runs a failing task again; without it, the first exception is final. */
    @Test
    void retryExceptionsIsOptIn(@TempDir Path dir) {
        String marker = dir.resolve("tried").toString();
        var flaky = ray.remote((String m) -> {
            if (!Files.exists(Path.of(m))) {
                Files.createFile(Path.of(m));
                throw new IllegalStateException("first try fails");
            }
            return "second try";
        });
        assertThrows(IllegalStateException.class, () -> ray.get(flaky.remote(marker)));
        Files.exists(Path.of(marker));
        String other = dir.resolve("tried-again").toString();
        assertEquals("second try", ray.get(flaky.retryExceptions(true).remote(other)));
    }

    /** put stores a copy: changing the original afterwards does not change what get returns. */
    @Test
    void putStoresACopy() {
        var list = new ArrayList<>(List.of(1, 2));
        ObjectRef<ArrayList<Integer>> ref = ray.put(list);
        list.add(3);
        assertEquals(List.of(1, 2), ray.get(ref));
        assertTrue(ref.ready(), "a put object is ready at once");
    }

    /** Bad input is refused at the call, in Python's terms. */
    @Test
    void badInputIsRefusedAtTheCall() {
        Thread notPicklable = Thread.currentThread();
        var captured = assertThrows(PicklingError.class, () -> ray.remote((Integer x) -> notPicklable.getName() + x));
        assertTrue(captured.getMessage().contains("java.lang.Thread"), captured.getMessage());

        var echo = ray.remote((Object x) -> x);
        assertThrows(PicklingError.class, () -> echo.remote(new Object()));

        var wrongArity = assertThrows(IllegalArgumentException.class, () -> echo.remote(1, 2));
        assertTrue(wrongArity.getMessage().contains("takes 1 argument but 2 were given"), wrongArity.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ray.wait(List.of(ray.put(1)), 2, Duration.ZERO));
    }

    /** A ref of another cluster is refused; after shutdown, get says the cluster is gone. */
    @Test
    void refsBelongToTheirClusterAndDieWithIt() {
        ObjectRef<Integer> foreign;
        try (Ray other = Ray.init(1)) {
            foreign = other.put(1);
            var e = assertThrows(IllegalArgumentException.class, () -> ray.get(foreign));
            assertTrue(e.getMessage().contains("belongs to another Ray cluster"), e.getMessage());
            other.shutdown();
            var gone = assertThrows(IllegalStateException.class, () -> other.get(foreign));
            assertTrue(gone.getMessage().contains("after ray.shutdown()"), gone.getMessage());
            assertThrows(IllegalStateException.class, () -> other.remote((Integer x) -> x));
        }
    }

    /** timeline writes a Chrome trace with a span per task, named after the function, on a worker's lane. */
    @Test
    void timelineWritesTheTasks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("timeline.json");
        try (Tracer ignored = Tracer.record()) {
            ray.get(ray.remote(RayTest::square).remote(5));
            ray.timeline(file);
        }
        String json = Files.readString(file);
        assertTrue(json.contains("RayTest.square"), json);
        assertTrue(json.contains("worker-"), json);
    }

    /** Without any recording, timeline says how to get one. */
    @Test
    void timelineWithoutRecordingSaysHow() {
        var e = assertThrows(IllegalStateException.class, () -> ray.timeline(Path.of("unused.json")));
        assertTrue(e.getMessage().contains("recordTimeline()"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e);
        assertFalse(e.getMessage().isEmpty());
    }
}
