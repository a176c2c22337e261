package dev.rosetta.examples.threading;

import dev.rosetta.threading.Experiments.Increment;
import dev.rosetta.threading.Experiments;
import dev.rosetta.threading.GilMode;
import dev.rosetta.threading.GlobalInterpreterLock;
import dev.rosetta.trace.TimelineFlag;
import java.util.Locale;

/**
 * The fix for {@link LostUpdates}: a lock around the whole read-modify-write, which holds with
 * a GIL or without one. In Python:
 *
 * <pre>
 * from threading import Thread, Lock
 *
 * x = Int(0)
 * lock = Lock()
 * def work():
 *     global x
 *     for _ in range(200_000):
 *         with lock:                  # acquire: tries first; if taken, blocks without the GIL
 *             x += 1
 *
 * threads = [Thread(target=work) for _ in range(2)]
 * for t in threads: t.start()
 * for t in threads: t.join()
 * print(400_000 - x.v)                # 0, under any GIL or none
 * </pre>
 * In Java the same: {@code lock.lock(); try { x++; } finally { lock.unlock(); }}, or
 * {@code synchronized}, or an {@code AtomicLong}.
 *
 * <p>Argument: increments per thread (default 200,000).
 */
public final class FixedWithLock {
    private FixedWithLock() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, FixedWithLock::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        System.out.printf(Locale.ROOT, "two threads, with lock: x += 1 %,d times each%n", perThread);
        LostUpdates.print("3.2+ GIL, x += 1 through __add__, with lock", perThread,
                Experiments.lostUpdates(GlobalInterpreterLock.of(GilMode.GIL), Increment.WITH_LOCK, perThread));
        LostUpdates.print("free-threaded, with lock", perThread,
                Experiments.lostUpdates(GlobalInterpreterLock.of(GilMode.FREE_THREADED), Increment.WITH_LOCK, perThread));
    }
}
