package dev.rosetta.examples.futures;

import dev.rosetta.futures.Futures;
import dev.rosetta.trace.TimelineFlag;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * {@code map} hands you the results in the order of the inputs; {@code as_completed} in the order
 * the tasks finish.
 *
 * <pre>
 * import time
 * from concurrent.futures import ThreadPoolExecutor, as_completed
 *
 * def task(i):
 *     time.sleep(0.1 * (4 - i))          # task 3 is the quickest, task 0 the slowest
 *     return i
 *
 * with ThreadPoolExecutor(4) as pool:
 *     print(list(pool.map(task, range(4))))                                  # [0, 1, 2, 3]: input order
 *     fs = [pool.submit(task, i) for i in range(4)]
 *     print([f.result() for f in as_completed(fs)])                          # [3, 2, 1, 0]: finishing order
 * </pre>
 *
 * <p>What to watch for: the tasks finish last-first both times. {@code map} still gives task 0
 * first, so it makes you wait for the slowest task while three results sit ready behind it;
 * {@code asCompleted} gives each result as soon as it is in. Use {@code map} when the order of
 * the results matters, {@code asCompleted} when you want to act on each result early (print
 * progress, fail fast, start the next step).
 *
 * <p>Python's sleeps only make the order likely; here latches make it certain, so the output is
 * the same on every run. In the {@code map} part a conductor thread lets the tasks go one at a
 * time, 3 first, each once the one before has finished. In the {@code asCompleted} part the
 * consumer lets the next task go as soon as it has been handed the one before.
 */
public final class MapOrderVersusAsCompleted {
    private static final int TASKS = 4;

    private MapOrderVersusAsCompleted() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, MapOrderVersusAsCompleted::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(TASKS)) {
            mapGivesInputOrder(pool);
            asCompletedGivesFinishingOrder(pool);
        }
    }

    private static void mapGivesInputOrder(ExecutorService pool) throws InterruptedException {
        System.out.println("Futures.map(pool, task, [0, 1, 2, 3]); the tasks finish in the order 3, 2, 1, 0");
        List<CountDownLatch> go = latches();
        List<CountDownLatch> finished = latches();
        var conductor = Thread.ofPlatform().name("conductor").start(() -> {
            for (int i = TASKS - 1; i >= 0; i--) {
                go.get(i).countDown();
                awaitQuietly(finished.get(i));
            }
        });
        try (Futures.Results<Integer> results = Futures.map(pool, i -> {
            awaitQuietly(go.get(i));
            System.out.println("  task " + i + " finished");
            finished.get(i).countDown();
            return i;
        }, IntStream.range(0, TASKS).boxed().toList())) {
            var order = new ArrayList<Integer>();
            while (results.hasNext()) {
                int i = results.next();
                order.add(i);
                System.out.println("  map gave " + i + (i == 0 ? "   <- only now: it waited for task 0, the last to finish" : ""));
            }
            System.out.println("map order: " + order + " (input order)");
        } finally {
            conductor.join();
        }
    }

    private static void asCompletedGivesFinishingOrder(ExecutorService pool) {
        System.out.println();
        System.out.println("Futures.asCompleted(the futures of task 0, 1, 2, 3); the same finishing order");
        List<CountDownLatch> go = latches();
        var futures = new ArrayList<CompletableFuture<Integer>>();
        for (int i = 0; i < TASKS; i++) {
            int task = i;
            futures.add(Futures.submit(pool, () -> {
                awaitQuietly(go.get(task));
                System.out.println("  task " + task + " finished");
                return task;
            }));
        }
        var order = new ArrayList<Integer>();
        Iterator<CompletableFuture<Integer>> it = Futures.asCompleted(futures);
        go.get(TASKS - 1).countDown(); // let task 3 go only once asCompleted has registered its callbacks
        while (it.hasNext()) {
            int i = it.next().join();
            order.add(i);
            System.out.println("  as_completed gave " + i);
            if (i > 0) {
                go.get(i - 1).countDown();
            }
        }
        System.out.println("as_completed order: " + order + " (finishing order)");
    }

    private static List<CountDownLatch> latches() {
        return IntStream.range(0, TASKS).mapToObj(i -> new CountDownLatch(1)).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for its turn", e);
        }
    }
}
