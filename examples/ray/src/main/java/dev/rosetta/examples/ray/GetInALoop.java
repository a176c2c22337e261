package dev.rosetta.examples.ray;

import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;
import dev.rosetta.trace.TimelineFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ray's best-known pitfall: {@code ray.get} inside the loop that submits. Each {@code get}
 * waits for its task before the next is even submitted, so the tasks run one at a time, on a
 * cluster with room for two.
 *
 * <pre>{@code
 * import time, ray
 * ray.init(num_cpus=2)
 *
 * @ray.remote
 * def work(x):
 *     time.sleep(0.01)
 *     return x
 *
 * results = [ray.get(work.remote(i)) for i in range(100)]     # BAD: one at a time
 * refs = [work.remote(i) for i in range(100)]                  # GOOD: submit everything,
 * results = ray.get(refs)                                      #       then wait once
 * }</pre>
 *
 * Both give the same results; the second takes about half the time on two workers (the
 * timeline shows it: {@code --timeline ray}).
 */
public final class GetInALoop {
    private GetInALoop() {
    }

    static int work(int x) throws InterruptedException {
        Thread.sleep(10);
        return x;
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, GetInALoop::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        try (Ray ray = Ray.init(2)) {
            var work = ray.remote(GetInALoop::work);
            ray.get(work.remote(0)); // warm up: the workers' first task loads their classes

            long start = System.nanoTime();
            List<Integer> oneByOne = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                oneByOne.add(ray.get(work.remote(i)));                 // BAD - waits before submitting the next
            }
            double loop = seconds(start);

            start = System.nanoTime();
            List<ObjectRef<Integer>> refs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                refs.add(work.remote(i));                              // GOOD - submit all ...
            }
            List<Integer> batched = ray.get(refs);                     // ... then wait once
            double batch = seconds(start);

            System.out.printf(Locale.ROOT, "get in the loop:       %6.3f s%n", loop);
            System.out.printf(Locale.ROOT, "submit all, get once:  %6.3f s  (%.1fx faster)%n", batch, loop / batch);
            System.out.println("the same " + n + " results both ways: " + oneByOne.equals(batched));
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
