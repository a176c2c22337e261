package dev.rosetta.examples.ray;

import dev.rosetta.distributed.ray.HazelcastRuntime;
import dev.rosetta.ray.ActorHandle;
import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;
import dev.rosetta.ray.RemoteFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The same program on two clusters, chosen at init: first the local cluster of worker JVMs, then
 * two Hazelcast members on 127.0.0.1, each a JVM of its own.
 *
 * <pre>{@code
 * import os, ray
 * ray.init(address="auto")          # connect to a running cluster: the program below is unchanged
 *
 * @ray.remote
 * def square(x):
 *     return x * x, os.getpid()
 *
 * @ray.remote
 * def total(xs):
 *     return sum(xs)
 *
 * @ray.remote
 * class Counter:
 *     def __init__(self):
 *         self.value = 0
 *     def increment(self):
 *         self.value += 1
 *         return self.value
 *
 * results = ray.get([square.remote(i) for i in range(6)])
 * print([s for s, _ in results], all(pid != os.getpid() for _, pid in results))
 * big = ray.put(list(range(1_000_000)))       # into the object store
 * print(ray.get(total.remote(big)))           # the task reads it where it runs
 * counter = Counter.remote()
 * print(ray.get([counter.increment.remote() for _ in range(5)]))
 * }</pre>
 *
 * The program is one method that takes a {@link Ray}; only {@code init} differs. On Hazelcast the
 * tasks go through the members' executor, the million numbers sit in an {@code IMap} and the task
 * that sums them reads them on its member, and the counter lives in one member's memory, its
 * calls run in order by a mailbox in the driver.
 */
public final class OnHazelcast {
    private OnHazelcast() {
    }

    /** A square and the pid of the JVM that computed it. */
    record Square(int value, long pid) implements java.io.Serializable {
    }

    /** The actor: plain, unsynchronised state. */
    public static final class Counter {
        private int value;

        public int increment() {
            value += 1;
            return value;
        }
    }

    public static void main(String[] args) {
        List<String> local;
        try (Ray ray = Ray.init(2)) {                                        // ray.init(num_cpus=2)
            System.out.println("on " + ray);
            local = program(ray);
        }
        List<String> hazelcast;
        try (Ray ray = Ray.init(HazelcastRuntime.members(2))) {             // ray.init(address=...)
            System.out.println("on " + ray + ", pids " + ray.workerPids());
            hazelcast = program(ray);
        }
        System.out.println("the same results on both: " + local.equals(hazelcast));
    }

    /** The program: what it prints, also returned to compare the two runs. */
    static List<String> program(Ray ray) {
        long driver = ProcessHandle.current().pid();
        RemoteFunction<Square> square = ray.remote((Integer x) -> new Square(x * x, ProcessHandle.current().pid()));
        RemoteFunction<Long> total = ray.remote((long[] xs) -> java.util.stream.LongStream.of(xs).sum());

        var refs = new ArrayList<ObjectRef<Square>>();
        for (int i = 0; i < 6; i++) {
            refs.add(square.remote(i));
        }
        List<Square> results = ray.get(refs);
        var lines = new ArrayList<String>();
        lines.add("squares " + results.stream().map(Square::value).toList()
                + ", none computed in the driver: " + results.stream().noneMatch(r -> r.pid() == driver));
        ObjectRef<long[]> big = ray.put(IntStream.range(0, 1_000_000).asLongStream().toArray());
        lines.add("sum of the million numbers put in the store: " + ray.get(total.remote(big)));
        ActorHandle<Counter> counter = ray.actor(Counter.class);
        var counts = new ArrayList<ObjectRef<Integer>>();
        for (int i = 0; i < 5; i++) {
            counts.add(counter.remote(Counter::increment));
        }
        lines.add("counter " + ray.get(counts));
        lines.forEach(line -> System.out.println("  " + line));
        return lines;
    }
}
