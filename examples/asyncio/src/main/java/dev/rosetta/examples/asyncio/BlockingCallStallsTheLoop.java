package dev.rosetta.examples.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.EventLoop;
import dev.rosetta.asyncio.SlowCallback;
import dev.rosetta.trace.TimelineFlag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One blocking call freezes every task; debug mode names the culprit; {@code to_thread} fixes it.
 *
 * <pre>
 * async def ticker():
 *     while True:
 *         await asyncio.sleep(0.01); ticks += 1
 *
 * async def bad():
 *     time.sleep(0.3)                        # BAD: blocks the loop thread, the ticker stops
 *
 * async def good():
 *     await asyncio.to_thread(time.sleep, 0.3)   # GOOD: blocks a pool thread, the loop goes on
 *
 * asyncio.run(main(), debug=True)   # "Executing &lt;Task ... bad()&gt; took 0.301 seconds"
 * </pre>
 *
 * <p>The idea: the loop is one thread. Code that blocks it, instead of awaiting, stops every other
 * task for as long as it blocks. Debug mode measures each step and reports the slow one with the
 * stack it was in; {@link Asyncio#toThread} moves the blocking call to a pool thread.
 */
public final class BlockingCallStallsTheLoop {
    private BlockingCallStallsTheLoop() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, BlockingCallStallsTheLoop::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        List<SlowCallback> reports = new ArrayList<>();
        int ticksWhileBlocked;
        try (var loop = new EventLoop()) {
            loop.setDebug(true);
            loop.setSlowCallbackListener(reports::add);
            ticksWhileBlocked = loop.runUntilComplete(() -> {
                int[] ticks = {0};
                var ticker = Asyncio.createTask("ticker", () -> tick(ticks, Integer.MAX_VALUE, null));
                Asyncio.sleep(Duration.ZERO); // let the ticker start
                int during = Asyncio.createTask("blocking-sleep", () -> {
                    int before = ticks[0]; // counted inside the blocking step: nothing else can run in it
                    Thread.sleep(300); // BAD - NEVER DO THIS in a coroutine: it blocks the loop thread
                    return ticks[0] - before;
                }).await();
                ticker.cancel();
                return during;
            });
        }
        System.out.println("BAD  Thread.sleep(300) inside a task: the ticker ticked " + ticksWhileBlocked
                + " times meanwhile (the loop was frozen)");
        for (SlowCallback report : reports) {
            System.out.println("debug mode: " + report.what() + " held the loop for at least 0.3 s, in:");
            report.stack().stream().limit(3).forEach(frame -> System.out.println("    at " + frame));
        }

        int ticksWithFix = Asyncio.run(() -> {
            int[] ticks = {0};
            var threeTicks = new CountDownLatch(3);
            var ticker = Asyncio.createTask("ticker", () -> tick(ticks, Integer.MAX_VALUE, threeTicks));
            int before = ticks[0];
            Asyncio.toThread(() -> {
                threeTicks.await(); // GOOD - blocks a pool thread, and only returns once the loop has ticked
                return null;
            });
            int during = ticks[0] - before;
            ticker.cancel();
            return during;
        });
        System.out.println("GOOD Asyncio.toThread(blocking call): the ticker ticked " + (ticksWithFix >= 3 ? "3 or more" : ticksWithFix)
                + " times meanwhile (the loop kept running)");
    }

    private static Void tick(int[] ticks, int max, CountDownLatch latch) {
        for (int i = 0; i < max; i++) {
            Asyncio.sleep(Duration.ofMillis(10));
            ticks[0]++;
            if (latch != null) {
                latch.countDown();
            }
        }
        return null;
    }
}
