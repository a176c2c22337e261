package dev.rosetta.examples.futures;

import dev.rosetta.futures.Futures;
import dev.rosetta.futures.ProcessPoolExecutor;
import dev.rosetta.futures.TaskFuture;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.trace.TimelineFlag;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * What {@code cancel()} really stops, five ways: Python's rule, the JDK's two rules, and a task
 * in another process.
 *
 * <pre>
 * import threading
 * from concurrent.futures import ThreadPoolExecutor
 *
 * started, go = threading.Event(), threading.Event()
 * def slow():
 *     started.set(); go.wait(); return "finished anyway"
 *
 * with ThreadPoolExecutor(1) as pool:
 *     running = pool.submit(slow)
 *     queued = pool.submit(pow, 2, 3)
 *     started.wait()
 *     print(queued.cancel(), queued.cancelled())     # True True: it never runs
 *     print(running.cancel(), running.running())     # False True: a running future cannot be cancelled
 *     go.set()
 *     print(running.result())                        # finished anyway
 * </pre>
 *
 * <p>What to watch for, case by case:
 * <ol>
 *   <li>{@code Futures.submit}, still queued: {@code cancel} is true and the task never runs (Python).</li>
 *   <li>{@code Futures.submit}, running: {@code cancel} is false and the task finishes (Python).</li>
 *   <li>{@code CompletableFuture.supplyAsync}: {@code cancel(true)} is true, {@code join()} throws
 *       {@code CancellationException}, and the task goes on to the end regardless: the future
 *       was marked, the work was not stopped. Its result is thrown away.</li>
 *   <li>{@code ExecutorService.submit} (a {@code FutureTask}): {@code cancel(true)} interrupts the
 *       thread. A task that checks (any blocking call that throws {@code InterruptedException})
 *       stops; a task that never looks at its interrupt flag goes on to the end.</li>
 *   <li>{@link ProcessPoolExecutor}: a task a worker process has taken cannot be stopped at all:
 *       {@code cancel(true)} is false and it finishes. An interrupt does not cross processes.</li>
 * </ol>
 * The lesson: cancel is a request. Only a task that has not started, or one written to check, can
 * be stopped; make long tasks check ({@code Thread.interrupted()}, a flag, a deadline).
 */
public final class WhatCancelCanStop {
    private WhatCancelCanStop() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, WhatCancelCanStop::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        pythonsRule();
        completableFutureMarksButDoesNotStop();
        futureTaskInterrupts();
        aProcessTaskCannotBeInterrupted();
    }

    private static void pythonsRule() throws InterruptedException {
        System.out.println("1, 2. Futures.submit (Python's rule), 1 thread: a running task and a queued one");
        var started = new CountDownLatch(1);
        var go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
            TaskFuture<String> running = Futures.submit(pool, () -> {
                started.countDown();
                go.await();
                return "finished anyway";
            });
            var ranQueued = new CountDownLatch(1);
            TaskFuture<Integer> queued = Futures.submit(pool, () -> {
                ranQueued.countDown();
                return 8;
            });
            started.await();
            System.out.println("   queued:  cancel() -> " + queued.cancel(true) + ", cancelled() -> " + queued.isCancelled());
            System.out.println("   running: cancel() -> " + running.cancel(true) + ", running() -> " + running.running());
            go.countDown();
            System.out.println("   running: result() -> " + running.join() + "; the queued task ran: "
                    + (ranQueued.getCount() == 0));
        }
    }

    private static void completableFutureMarksButDoesNotStop() throws InterruptedException {
        System.out.println("3. CompletableFuture.supplyAsync(task, pool), running");
        var started = new CountDownLatch(1);
        var go = new CountDownLatch(1);
        var ended = new CountDownLatch(1);
        String[] outcome = new String[1];
        try (ExecutorService pool = Executors.newFixedThreadPool(1)) {
            CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
                started.countDown();
                try {
                    go.await();
                    outcome[0] = "ran to the end";
                    return "a result nobody will see";
                } catch (InterruptedException e) {
                    outcome[0] = "stopped by InterruptedException";
                    return "interrupted";
                } finally {
                    ended.countDown();
                }
            }, pool);
            started.await();
            System.out.println("   cancel(true) -> " + f.cancel(true) + ", isCancelled() -> " + f.isCancelled());
            try {
                f.join();
            } catch (CancellationException e) {
                System.out.println("   join() -> CancellationException, yet the task is still running: "
                        + (ended.getCount() == 1));
            }
            go.countDown();
            ended.await();
            System.out.println("   the task: " + outcome[0] + " (no interrupt came; its result was thrown away)");
        }
    }

    private static void futureTaskInterrupts() throws InterruptedException {
        System.out.println("4. ExecutorService.submit (a FutureTask), running: cancel(true) interrupts its thread");
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            var started = new CountDownLatch(2);
            var ended = new CountDownLatch(2);
            var go = new CountDownLatch(1);
            var neverChecks = new Semaphore(0);
            String[] outcome = new String[2];
            Future<?> checks = pool.submit(() -> {
                started.countDown();
                try {
                    go.await();
                    outcome[0] = "ran to the end";
                } catch (InterruptedException e) {
                    outcome[0] = "stopped by InterruptedException";
                } finally {
                    ended.countDown();
                }
            });
            Future<?> doesNotCheck = pool.submit(() -> {
                started.countDown();
                neverChecks.acquireUninterruptibly(); // stands for a loop that never looks at its interrupt flag
                outcome[1] = "ran to the end (its interrupt flag was set: " + Thread.currentThread().isInterrupted() + ")";
                ended.countDown();
            });
            started.await();
            System.out.println("   a task that checks:        cancel(true) -> " + checks.cancel(true));
            System.out.println("   a task that never checks:  cancel(true) -> " + doesNotCheck.cancel(true));
            neverChecks.release();
            ended.await();
            System.out.println("   the one that checks:       " + outcome[0]);
            System.out.println("   the one that never checks: " + outcome[1]);
        }
    }

    private static void aProcessTaskCannotBeInterrupted() throws Exception {
        System.out.println("5. ProcessPoolExecutor, a task a worker process has taken");
        try (var pool = new ProcessPoolExecutor(1); var started = Queue.<String>create(1);
             var go = Queue.<String>create(1)) {
            var running = pool.submit(() -> {
                started.put("started");
                go.get();
                return "finished anyway";
            });
            started.get();
            System.out.println("   cancel(true) -> " + running.cancel(true) + ", running() -> " + running.running());
            go.put("go");
            System.out.println("   result() -> " + running.join() + " (another process: nothing can interrupt it)");
        }
    }
}
