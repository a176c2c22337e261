package dev.rosetta.examples.threading;

import dev.rosetta.threading.Experiments;
import dev.rosetta.threading.GilMode;
import dev.rosetta.trace.TimelineFlag;
import java.util.Locale;

/**
 * Two CPU-bound threads under each GIL: no faster than one after another, slower still with the
 * GIL before 3.2, twice as fast without a GIL. David Beazley's countdown, in Python:
 *
 * <pre>
 * from threading import Thread
 * import time
 *
 * def countdown(n):
 *     while n &gt; 0:
 *         n -= 1
 *
 * N = 1_000_000
 * start = time.perf_counter(); countdown(N); countdown(N)
 * sequential = time.perf_counter() - start
 *
 * threads = [Thread(target=countdown, args=(N,)) for _ in range(2)]
 * start = time.perf_counter()
 * for t in threads: t.start()
 * for t in threads: t.join()
 * print(f"speed-up {sequential / (time.perf_counter() - start):.2f}x")
 * </pre>
 * CPython 3.11 prints about 0.95x; Python 2.6 on a dual core printed 0.54x; {@code python3.13t}
 * comes close to 2x.
 *
 * <p>Here each mode runs on the simulated interpreter of {@code dev.rosetta.threading}: real
 * Java threads, a real lock, CPython's rules for when the lock changes hands. Argument: N
 * (default 1,000,000). Each mode runs once to warm up the JIT, then once measured.
 */
public final class CpuBoundThreads {
    private CpuBoundThreads() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, CpuBoundThreads::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "countdown(%,d) twice: in sequence, then on two threads at once%n", n);
        for (GilMode mode : GilMode.values()) {
            Experiments.cpuBound(mode, n);      // warm-up: let the JIT compile the interpreter first
            var run = Experiments.cpuBound(mode, n);
            System.out.printf(Locale.ROOT, "%-13s  sequential %6.3f s   2 threads %6.3f s   speed-up %.2fx   GIL switches %d%n",
                    mode, run.sequentialSeconds(), run.threadedSeconds(), run.speedup(), run.switches());
        }
        System.out.println("speed-up 1.00x: the threads took turns; 2.00x: they ran in parallel on two cores.");
    }
}
