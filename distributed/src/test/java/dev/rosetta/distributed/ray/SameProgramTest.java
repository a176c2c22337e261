package dev.rosetta.distributed.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosetta.ray.ActorDiedError;
import dev.rosetta.ray.ActorHandle;
import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;
import dev.rosetta.ray.RemoteFunction;
import dev.rosetta.testkit.TimeLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One program, two runtimes: the local cluster of worker JVMs and two Hazelcast members. */
class SameProgramTest {

    /** A counter actor: {@code class Counter: def increment(self): ...}. */
    public static final class Counter {
        private int count;

        public int increment() {
            return ++count;
        }

        public int add(int n) {
            count += n;
            return count;
        }
    }

    /**
     * Tasks, refs as arguments, a large object made by one task and summed by another, put, wait,
     * an actor's calls in order, and a task's own exception: what it printed, line by line.
     */
    static List<String> program(Ray ray) {
        var out = new ArrayList<String>();
        RemoteFunction<Integer> square = ray.remote((Integer x) -> x * x);
        RemoteFunction<Integer> add = ray.remote((Integer a, Integer b) -> a + b);
        var squares = new ArrayList<ObjectRef<Integer>>();
        for (int i = 0; i < 8; i++) {
            squares.add(square.remote(i));
        }
        out.add("squares " + ray.get(squares));
        out.add("wait: " + ray.wait(squares, 8, Duration.ofMinutes(1)).ready().size() + " of 8 ready");
        out.add("9 + 16 = " + ray.get(add.remote(squares.get(3), squares.get(4))));

        RemoteFunction<int[]> ones = ray.remote((Integer n) -> IntStream.range(0, n).map(i -> 1).toArray());
        RemoteFunction<Integer> sum = ray.remote((int[] values) -> IntStream.of(values).sum());
        out.add("sum of 100,000 ones = " + ray.get(sum.remote(ones.remote(100_000))));
        out.add("sum of put [1..10] = " + ray.get(sum.remote(ray.put(IntStream.rangeClosed(1, 10).toArray()))));

        ActorHandle<Counter> counter = ray.actor(Counter.class);
        var counts = new ArrayList<ObjectRef<Integer>>();
        for (int i = 0; i < 5; i++) {
            counts.add(counter.remote(Counter::increment));
        }
        counts.add(counter.remote(Counter::add, squares.get(2)));
        out.add("counter " + ray.get(counts));
        ray.kill(counter);
        out.add("after kill: " + assertThrows(ActorDiedError.class, () -> ray.get(counter.remote(Counter::increment)))
                .getClass().getSimpleName());

        RemoteFunction<Integer> divide = ray.remote((Integer x) -> 10 / x);
        out.add("10 / 0 raised " + assertThrows(ArithmeticException.class, () -> ray.get(divide.remote(0))).getMessage());
        return out;
    }

    /** The program prints the same lines on the local cluster and on two Hazelcast members, and no member outlives it. */
    @Test
    @TimeLimit(seconds = 240)
    void theSameProgramGivesTheSameResultsOnBothRuntimes() {
        List<String> local;
        try (Ray ray = Ray.init(2)) {
            local = program(ray);
        }
        List<String> onHazelcast;
        List<Long> members;
        try (Ray ray = Ray.init(HazelcastRuntime.members(2))) {
            members = ray.workerPids();
            assertEquals(2, members.size(), "Ray.init(HazelcastRuntime.members(2)) should run on two members: " + ray);
            onHazelcast = program(ray);
        }
        assertEquals(List.of("squares [0, 1, 4, 9, 16, 25, 36, 49]", "wait: 8 of 8 ready", "9 + 16 = 25",
                "sum of 100,000 ones = 100000", "sum of put [1..10] = 55", "counter [1, 2, 3, 4, 5, 9]",
                "after kill: ActorDiedError", "10 / 0 raised / by zero"), local, "the program on the local cluster");
        assertEquals(local, onHazelcast, "the same program on Hazelcast should print what it printed on the local cluster");
        for (long pid : members) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "member JVM " + pid + " is still running after ray.shutdown(): shutdown must stop the members it started");
        }
    }
}
