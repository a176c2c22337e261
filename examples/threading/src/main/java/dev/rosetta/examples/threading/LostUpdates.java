package dev.rosetta.examples.threading;

import dev.rosetta.threading.Experiments.Increment;
import dev.rosetta.threading.Experiments;
import dev.rosetta.threading.GilMode;
import dev.rosetta.threading.GlobalInterpreterLock;
import dev.rosetta.trace.TimelineFlag;
import java.util.Locale;

/**
 * BROKEN on purpose: {@code x += 1} by two threads without a lock, and when it loses updates.
 * In Python:
 *
 * <pre>
 * from threading import Thread
 *
 * class Int:                              # an int whose + is a Python call
 *     def __init__(self, v): self.v = v
 *     def __add__(self, other): return Int(self.v + other)
 *
 * x = 0                                   # or: x = Int(0)
 * def work():
 *     global x
 *     for _ in range(1_000_000):
 *         x += 1                          # LOAD_GLOBAL, LOAD_CONST, BINARY_OP, STORE_GLOBAL
 *
 * threads = [Thread(target=work) for _ in range(2)]
 * for t in threads: t.start()
 * for t in threads: t.join()
 * print(2_000_000 - x)                    # 3.11: 0 with an int, about 680,000 with Int
 * </pre>
 * Under the 3.2+ GIL a thread lets the GIL go only at a check point, and there is none between
 * the load and the store of a plain {@code x += 1}: nothing is lost, by luck of the
 * implementation, not by promise. Make the add a call and the callee's entry is a check point
 * between them. Take the GIL away (free-threaded) and any instruction is. {@link FixedWithLock}
 * is the right way.
 *
 * <p>Argument: increments per thread (default 1,000,000).
 */
public final class LostUpdates {
    private LostUpdates() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, LostUpdates::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "two threads, x += 1 %,d times each, no lock%n", perThread);
        print("3.2+ GIL, x += 1 on an int", perThread,
                Experiments.lostUpdates(GlobalInterpreterLock.of(GilMode.GIL), Increment.PLAIN, perThread));
        print("3.2+ GIL, x += 1 through __add__ (a call)", perThread,
                Experiments.lostUpdates(GlobalInterpreterLock.of(GilMode.GIL), Increment.WITH_CALL, perThread));
        print("free-threaded, x += 1 on an int", perThread,
                Experiments.lostUpdates(GlobalInterpreterLock.of(GilMode.FREE_THREADED), Increment.PLAIN, perThread));
    }

    static void print(String what, int perThread, long lost) {
        long total = 2L * perThread;
        System.out.printf(Locale.ROOT, "  %-44s lost %,d of %,d (%.1f%%)%n", what, lost, total, 100.0 * lost / total);
    }
}
