package dev.rosetta.examples.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Barrier;
import dev.rosetta.asyncio.BoundedSemaphore;
import dev.rosetta.asyncio.Condition;
import dev.rosetta.asyncio.EventLoop;
import dev.rosetta.asyncio.Lock;
import dev.rosetta.asyncio.PriorityQueue;
import dev.rosetta.asyncio.Task;
import dev.rosetta.trace.TimelineFlag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * asyncio's synchronisers, each at its one job: {@code Lock}, {@code Condition.wait_for},
 * {@code Barrier}, {@code BoundedSemaphore}, {@code PriorityQueue}, and
 * {@code run_coroutine_threadsafe}. The Python it reproduces (CPython 3.11 prints the same
 * lines, in Python's spelling):
 *
 * <pre>
 * async def main():
 *     loop = asyncio.get_running_loop()
 *
 *     lock = asyncio.Lock(); cache = {}; fetches = [0]
 *     async def get(key):
 *         async with lock:
 *             if key not in cache:
 *                 fetches[0] += 1
 *                 await asyncio.sleep(0)          # the fetch: other tasks run here, and wait at the lock
 *                 cache[key] = key.upper()
 *         return cache[key]
 *     values = await asyncio.gather(*(get("k") for _ in range(5)))
 *     print("Lock: five tasks read one key:", values, "fetched", fetches[0], "time(s)")
 *
 *     cond = asyncio.Condition(); stock = [0]; log = []; checks = [0]
 *     def enough(n):
 *         checks[0] += n == 3
 *         return stock[0] >= n
 *     async def buyer(n):
 *         async with cond:
 *             await cond.wait_for(lambda: enough(n))
 *             stock[0] -= n
 *             log.append(f"bought {n}")
 *     buyers = [asyncio.create_task(buyer(n)) for n in (3, 1)]
 *     await asyncio.sleep(0)
 *     for _ in range(4):
 *         async with cond:
 *             stock[0] += 1
 *             cond.notify_all()
 *         await asyncio.sleep(0)
 *     await asyncio.gather(*buyers)
 *     print("Condition.wait_for:", log, "- the buyer of 3 checked", checks[0], "times: once, then at every delivery")
 *
 *     barrier = asyncio.Barrier(3)
 *     async def runner(name):
 *         return f"{name} arrived {await barrier.wait()}"
 *     print("Barrier(3):", await asyncio.gather(*(runner(n) for n in "abc")))
 *
 *     sem = asyncio.BoundedSemaphore(2)
 *     try:
 *         sem.release()
 *     except ValueError as e:
 *         print("BoundedSemaphore(2).release() too often: ValueError:", e)
 *
 *     jobs = asyncio.PriorityQueue()
 *     for job in [(2, "write report"), (0, "fix outage"), (1, "review PR")]:
 *         jobs.put_nowait(job)
 *     print("PriorityQueue:", [(await jobs.get())[1] for _ in range(3)])
 *
 *     async def answer():
 *         await asyncio.sleep(0)
 *         return "42, computed on the loop"
 *     def on_a_thread():
 *         return asyncio.run_coroutine_threadsafe(answer(), loop).result(timeout=5)
 *     print("run_coroutine_threadsafe from a thread:", await asyncio.to_thread(on_a_thread))
 * </pre>
 *
 * <p>The idea: on one loop no two tasks run at once, so a lock is needed only around a section
 * that <em>awaits</em> (the fetch), and a condition's waiter must re-check after every wake-up
 * because others ran before it (the buyer of 3 is woken by deliveries too small for it).
 */
public final class SynchronisingTasks {
    private SynchronisingTasks() {
    }

    /** A job for the priority queue: Python's {@code (priority, name)} tuple. */
    private record Job(int priority, String name) {
    }

    @SuppressWarnings("try") // locks held for a block: Python's `async with`
    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, SynchronisingTasks::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        Asyncio.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();

            var lock = new Lock();
            var cache = new HashMap<String, String>();
            int[] fetches = {0};
            var readers = new ArrayList<Task<String>>();
            for (int i = 0; i < 5; i++) {
                readers.add(Asyncio.createTask(() -> {
                    try (var held = lock.acquire()) {
                        if (!cache.containsKey("k")) {
                            fetches[0]++;
                            Asyncio.sleep(Duration.ZERO); // the fetch: other tasks run here, and wait at the lock
                            cache.put("k", "K");
                        }
                    }
                    return cache.get("k");
                }));
            }
            var values = Asyncio.gather(readers).await();
            System.out.println("Lock: five tasks read one key: " + values + " fetched " + fetches[0] + " time(s)");

            var cond = new Condition();
            int[] stock = {0};
            int[] checks = {0};
            var log = new ArrayList<String>();
            var buyers = new ArrayList<Task<Object>>();
            for (int n : new int[] {3, 1}) {
                buyers.add(Asyncio.createTask(() -> {
                    try (var held = cond.acquire()) {
                        cond.waitFor(() -> {
                            checks[0] += n == 3 ? 1 : 0;
                            return stock[0] >= n;
                        });
                        stock[0] -= n;
                        log.add("bought " + n);
                    }
                    return null;
                }));
            }
            Asyncio.sleep(Duration.ZERO);
            for (int i = 0; i < 4; i++) {
                try (var held = cond.acquire()) {
                    stock[0]++;
                    cond.notifyAllWaiters();
                }
                Asyncio.sleep(Duration.ZERO);
            }
            Asyncio.gather(buyers).await();
            System.out.println("Condition.wait_for: " + log + " - the buyer of 3 checked " + checks[0]
                    + " times: once, then at every delivery");

            var barrier = new Barrier(3);
            var runners = new ArrayList<Task<String>>();
            for (String name : List.of("a", "b", "c")) {
                runners.add(Asyncio.createTask(() -> name + " arrived " + barrier.waitFor()));
            }
            System.out.println("Barrier(3): " + Asyncio.gather(runners).await());

            var sem = new BoundedSemaphore(2);
            try {
                sem.release();
            } catch (IllegalArgumentException e) {
                System.out.println("BoundedSemaphore(2).release() too often: IllegalArgumentException: " + e.getMessage());
            }

            var jobs = new PriorityQueue<Job>(0, Comparator.comparingInt(Job::priority));
            for (Job job : List.of(new Job(2, "write report"), new Job(0, "fix outage"), new Job(1, "review PR"))) {
                jobs.putNowait(job);
            }
            var order = new ArrayList<String>();
            for (int i = 0; i < 3; i++) {
                order.add(jobs.get().name());
            }
            System.out.println("PriorityQueue: " + order);

            String answer = Asyncio.toThread(() -> Asyncio.runCoroutineThreadsafe(() -> {
                Asyncio.sleep(Duration.ZERO);
                return "42, computed on the loop";
            }, loop).get(5, TimeUnit.SECONDS));
            System.out.println("run_coroutine_threadsafe from a thread: " + answer);
            return null;
        });
    }
}
