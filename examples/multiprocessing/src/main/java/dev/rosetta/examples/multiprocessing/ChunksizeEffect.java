package dev.rosetta.examples.multiprocessing;

import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.trace.TimelineFlag;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Why {@code map} sends tasks in chunks: every message to a worker costs a round trip.
 *
 * <pre>
 * with Pool(2) as pool:
 *     pool.map(noop, range(20_000), chunksize=1)     # one message per task: slow
 *     pool.map(noop, range(20_000))                  # default: ceil(n / (4 * 2)) = 2,500 per chunk
 * </pre>
 */
public final class ChunksizeEffect {
    private ChunksizeEffect() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, ChunksizeEffect::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        try (var pool = new Pool(2)) {
            pool.map(x -> x, items, 1);
            for (int chunksize : new int[] {1, 10, 100, pool.defaultChunksize(n)}) {
                long start = System.nanoTime();
                pool.map(x -> x, items, chunksize);
                double perTask = (System.nanoTime() - start) / 1e3 / n;
                System.out.printf(Locale.ROOT, "chunksize %5d: %7.2f µs per task%n", chunksize, perTask);
            }
        }
        System.out.println("the default chunksize is ceil(n / (4 x processes)): few messages, work still spread");
    }
}
