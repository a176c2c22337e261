package dev.rosetta.examples.ray;

import dev.rosetta.ray.ActorHandle;
import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;
import dev.rosetta.trace.TimelineFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * An actor: a counter that lives in a worker process of its own and keeps its state between
 * calls.
 *
 * <pre>{@code
 * import os, ray
 * ray.init(num_cpus=2)
 *
 * @ray.remote
 * class Counter:
 *     def __init__(self):
 *         self.value = 0
 *     def increment(self):
 *         self.value += 1
 *         return self.value
 *     def pid(self):
 *         return os.getpid()
 *
 * counter = Counter.remote()
 * refs = [counter.increment.remote() for _ in range(10)]  # ten calls, none waited for
 * print(ray.get(refs))                                     # [1, 2, ..., 10]: in order, one at a time
 * print(ray.get(counter.pid.remote()) != os.getpid())      # True: it lives elsewhere
 * ray.kill(counter)
 * }</pre>
 *
 * No lock in {@code Counter}, yet no lost update: an actor runs its calls one at a time, in the
 * order they were made. The state lives in the actor's process; the driver only holds a handle.
 */
public final class ActorCounter {
    private ActorCounter() {
    }

    /** The actor's class: plain, unsynchronised state. */
    public static final class Counter {
        private int value;

        public int increment() {
            value += 1;
            return value;
        }

        public long pid() {
            return ProcessHandle.current().pid();
        }
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, ActorCounter::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        try (Ray ray = Ray.init(2)) {
            ActorHandle<Counter> counter = ray.actor(Counter.class);
            List<ObjectRef<Integer>> refs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                refs.add(counter.remote(Counter::increment));
            }
            System.out.println(ray.get(refs));
            System.out.println("lives in another process: " + (ray.get(counter.remote(Counter::pid)) != ProcessHandle.current().pid()));
            ray.kill(counter);
            try {
                ray.get(counter.remote(Counter::increment));
            } catch (dev.rosetta.ray.ActorDiedError e) {
                System.out.println("after ray.kill: ActorDiedError: " + e.getMessage());
            }
        }
    }
}
