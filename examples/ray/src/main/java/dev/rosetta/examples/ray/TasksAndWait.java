package dev.rosetta.examples.ray;

import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;
import dev.rosetta.trace.TimelineFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * Remote tasks, and a {@code wait} pipeline that handles each result as soon as it is ready.
 *
 * <pre>{@code
 * import time, ray
 * ray.init(num_cpus=2)
 *
 * @ray.remote
 * def slow_square(x):
 *     time.sleep(0.5 if x == 0 else 0.02)   # the first one submitted is the slowest
 *     return x * x
 *
 * refs = [slow_square.remote(i) for i in range(8)]   # eight refs, at once
 * total = 0
 * while refs:
 *     ready, refs = ray.wait(refs, num_returns=1)    # whichever is done first
 *     total += ray.get(ready[0])
 *     print("ready:", ray.get(ready[0]), "still running:", len(refs))
 * print("sum of squares:", total)
 * ray.shutdown()
 * }</pre>
 *
 * {@code remote} hands back a ref before the task has run; {@code wait} returns the refs that
 * are done, so the driver works on each result while the others are still computing: {@code 0},
 * submitted first, usually comes last, where a loop of {@code get} in submission order would
 * have waited for it before anything else.
 */
public final class TasksAndWait {
    private TasksAndWait() {
    }

    static int slowSquare(int x) throws InterruptedException {
        Thread.sleep(x == 0 ? 500 : 20); // 0 is submitted first and finishes last
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, TasksAndWait::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        try (Ray ray = Ray.init(2)) {
            var slowSquare = ray.remote(TasksAndWait::slowSquare);
            ray.get(List.of(slowSquare.remote(1), slowSquare.remote(1))); // warm both workers up: a first task loads classes
            List<ObjectRef<Integer>> refs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                refs.add(slowSquare.remote(i));
            }
            int total = 0;
            while (!refs.isEmpty()) {
                Ray.WaitResult<Integer> done = ray.wait(refs, 1, null);
                refs = done.notReady();
                int value = ray.get(done.ready().getFirst());
                total += value;
                System.out.println("ready: " + value + " still running: " + refs.size());
            }
            System.out.println("sum of squares: " + total);
        }
    }
}
