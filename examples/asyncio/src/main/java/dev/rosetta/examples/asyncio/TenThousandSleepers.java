package dev.rosetta.examples.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import dev.rosetta.trace.TimelineFlag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ten thousand tasks sleeping at once, on one loop thread.
 *
 * <pre>
 * async def sleeper():
 *     await asyncio.sleep(0.1)
 *
 * async def main():
 *     await asyncio.gather(*(sleeper() for _ in range(10_000)))
 *
 * asyncio.run(main())       # about 0.1 s, not 1,000 s: the sleeps overlap
 * </pre>
 *
 * <p>The idea: a sleeping task is a timer in the loop's heap and a parked virtual thread, not a
 * blocked OS thread. The 10,000 sleeps overlap, so the whole run takes about one sleep, and only
 * one task ever runs at a time: the loop counts how many were running when each one started.
 */
public final class TenThousandSleepers {
    private TenThousandSleepers() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, TenThousandSleepers::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        int tasks = 10_000;
        int[] running = {0};
        int[] mostAtOnce = {0};
        Set<String> loopThreads = new HashSet<>();
        long start = System.nanoTime();
        Asyncio.run(() -> {
            List<Future<Void>> sleepers = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                sleepers.add(Asyncio.createTask(() -> {
                    running[0]++;
                    mostAtOnce[0] = Math.max(mostAtOnce[0], running[0]);
                    running[0]--; // no await in between: nobody else can run here
                    Asyncio.getRunningLoop().callSoon(() -> loopThreads.add(Thread.currentThread().getName()));
                    Asyncio.sleep(Duration.ofMillis(100));
                    return null;
                }));
            }
            return Asyncio.gather(sleepers).await();
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%,d tasks slept 100 ms each; all done in %.2f s (one after another: %,d s)%n",
                tasks, seconds, tasks / 10);
        System.out.println("loop threads that ran their callbacks: " + loopThreads);
        System.out.println("most tasks running at the same instant: " + mostAtOnce[0]);
    }
}
