package dev.rosetta.examples.threading;

import dev.rosetta.threading.Experiments;
import dev.rosetta.trace.TimelineFlag;
import java.time.Duration;
import java.util.Locale;

/**
 * The convoy effect: a thread that makes short blocking calls waits a whole switch interval for
 * the GIL after each one, when a CPU-bound thread runs beside it. In Python:
 *
 * <pre>
 * import socket, sys, threading, time
 *
 * def spin():                      # the CPU-bound neighbour
 *     while True: pass
 *
 * threading.Thread(target=spin, daemon=True).start()
 * latencies = []
 * for _ in range(50):
 *     start = time.perf_counter()
 *     sock.recv(1)                 # the answer is there almost at once
 *     latencies.append(time.perf_counter() - start)
 * print(sorted(latencies)[25] * 1000, "ms")     # 5.2 ms; 0.07 ms without spin()
 * # sys.setswitchinterval(0.001) shortens the wait to about 1 ms
 * </pre>
 * Why: the call releases the GIL, the CPU-bound thread takes it, and the I/O thread, back from
 * its call, must wait one switch interval before it may even ask for it back.
 *
 * <p>Argument: calls per run (default 50).
 */
public final class ConvoyEffect {
    private ConvoyEffect() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, ConvoyEffect::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        System.out.printf(Locale.ROOT, "%d short blocking calls (%d µs each); latency until the caller runs again%n",
                calls, Experiments.SHORT_CALL.toNanos() / 1000);
        Experiments.convoy(Duration.ofMillis(1), calls, true);      // warm-up
        print("alone", Experiments.convoy(Duration.ofMillis(5), calls, false));
        print("beside a CPU-bound thread, switch interval 5 ms", Experiments.convoy(Duration.ofMillis(5), calls, true));
        print("beside a CPU-bound thread, switch interval 1 ms", Experiments.convoy(Duration.ofMillis(1), calls, true));
    }

    private static void print(String what, Experiments.Convoy convoy) {
        System.out.printf(Locale.ROOT, "  %-48s p50 %6.3f ms   p90 %6.3f ms   drop requests %d%n",
                what, convoy.p50Millis(), convoy.p90Millis(), convoy.dropRequests());
    }
}
