package dev.rosetta.examples.threading;

import dev.rosetta.threading.Experiments;
import dev.rosetta.trace.TimelineFlag;
import java.time.Duration;
import java.util.Locale;

/**
 * Threads that block get along with the GIL: a blocking call releases it, so twenty waits
 * overlap and take as long as one. In Python:
 *
 * <pre>
 * from threading import Thread
 * import time
 *
 * def fetch():
 *     time.sleep(0.05)            # a network call: the GIL is released while it waits
 *
 * start = time.perf_counter()
 * for _ in range(20): fetch()
 * sequential = time.perf_counter() - start
 *
 * threads = [Thread(target=fetch) for _ in range(20)]
 * start = time.perf_counter()
 * for t in threads: t.start()
 * for t in threads: t.join()
 * print(f"{sequential / (time.perf_counter() - start):.1f}x faster")
 * </pre>
 * CPython 3.11: 19.5x faster with 100 ms waits.
 *
 * <p>Arguments: threads (default 20), wait in milliseconds (default 50).
 */
public final class IoBoundThreads {
    private IoBoundThreads() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, IoBoundThreads::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Duration wait = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 50);
        Experiments.ioBound(threads, Duration.ofMillis(1));     // warm-up
        var run = Experiments.ioBound(threads, wait);
        System.out.printf(Locale.ROOT, "%d blocking calls of %d ms under the GIL%n", threads, wait.toMillis());
        System.out.printf(Locale.ROOT, "  in sequence    %6.3f s%n", run.sequentialSeconds());
        System.out.printf(Locale.ROOT, "  on %2d threads  %6.3f s   %.1fx faster (limit %d): blocking calls release the GIL%n",
                threads, run.threadedSeconds(), run.speedup(), threads);
    }
}
