package dev.rosetta.examples.multiprocessing;

import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.trace.TimelineFlag;
import java.util.List;

/**
 * Processes share nothing: a global changed in a worker is unchanged in the parent.
 *
 * <pre>
 * from multiprocessing import Pool
 * counter = 0
 * def bump(_):
 *     global counter
 *     counter += 1
 *     return counter
 * if __name__ == "__main__":
 *     with Pool(1) as pool:
 *         print(pool.map(bump, range(3)))   # [1, 2, 3]: the worker's own counter
 *     print(counter)                        # 0: the parent's was never touched
 * </pre>
 */
public final class Isolation {
    static int counter;

    private Isolation() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, Isolation::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        try (var pool = new Pool(1)) {
            List<Integer> seen = pool.map(x -> ++counter, List.of(0, 1, 2), 1);
            System.out.println("the worker's counter after each task: " + seen);
        }
        System.out.println("the parent's counter: " + counter);
        System.out.println("each process has its own copy of every static field; to share, send (map, Queue) or use shared memory");
    }
}
