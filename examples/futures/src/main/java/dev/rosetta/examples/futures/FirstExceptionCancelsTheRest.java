package dev.rosetta.examples.futures;

import dev.rosetta.futures.Futures.ReturnWhen;
import dev.rosetta.futures.Futures;
import dev.rosetta.futures.TaskFuture;
import dev.rosetta.trace.TimelineFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * Stop a batch at its first failure: {@code wait(..., FIRST_EXCEPTION)}, then cancel what is not
 * done. Only the tasks still in the queue can be cancelled; the running ones finish.
 *
 * <pre>
 * import threading
 * from concurrent.futures import ThreadPoolExecutor, wait, FIRST_EXCEPTION
 *
 * release = threading.Event()
 * started = [threading.Event() for _ in range(6)]
 *
 * def task(i):
 *     started[i].set()
 *     if i == 1:
 *         raise ValueError("task 1 failed")
 *     release.wait()
 *     return i * i
 *
 * with ThreadPoolExecutor(2) as pool:
 *     fs = [pool.submit(task, i) for i in range(6)]
 *     done, not_done = wait(fs, return_when=FIRST_EXCEPTION)
 *     started[2].wait()                     # the thread task 1 freed has taken task 2
 *     for f in sorted(not_done, key=fs.index):
 *         print("cancel task", fs.index(f), "->", f.cancel())     # 0: False, 2: False, 3, 4, 5: True
 *     release.set()
 *     print([f.result() for f in fs if not f.cancelled() and f.exception() is None])   # [0, 4]
 * </pre>
 *
 * <p>What to watch for: six tasks on two threads. Task 1 fails at once; task 0 is running. The
 * thread that task 1 freed takes the next task from the queue straight away, so by the time you
 * react, task 2 is running too: {@code cancel()} is false for tasks 0 and 2, which finish, and
 * true for 3, 4 and 5, which never run. The wrong way, {@code wait(ALL_COMPLETED)} (or
 * {@code invokeAll}), runs all six and tells you of the failure only at the end.
 *
 * <p>The main waits until task 2 has started before it cancels: in a real program that race is
 * lost within microseconds anyway, and waiting for it makes the output the same on every run.
 */
public final class FirstExceptionCancelsTheRest {
    private static final int TASKS = 6;
    private static final int FAILING = 1;

    private FirstExceptionCancelsTheRest() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, FirstExceptionCancelsTheRest::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        waitForAllIsTheWrongWay();
        System.out.println();
        firstExceptionThenCancel();
    }

    private static void waitForAllIsTheWrongWay() throws InterruptedException {
        System.out.println("BAD  Futures.wait(fs, null, ALL_COMPLETED) on 6 tasks, 2 threads, task 1 fails at once");
        var batch = new Batch(new CountDownLatch(0));
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            var fs = batch.submitAll(pool);
            Futures.wait(fs, null, ReturnWhen.ALL_COMPLETED);
            System.out.println("  it returned once all 6 had run (tasks run: " + batch.ran + "):"
                    + " 5 tasks of work for a batch that task 1 had already spoilt");
        }
    }

    private static void firstExceptionThenCancel() throws InterruptedException {
        System.out.println("GOOD Futures.wait(fs, null, FIRST_EXCEPTION), then cancel what is not done");
        var release = new CountDownLatch(1);
        var batch = new Batch(release);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<CompletableFuture<Integer>> fs = batch.submitAll(pool);
            var result = Futures.wait(fs, null, ReturnWhen.FIRST_EXCEPTION);
            for (var f : result.done()) {
                System.out.println("  wait returned: task " + fs.indexOf(f) + " done, failed with "
                        + f.exceptionNow());
            }
            awaitQuietly(batch.started.get(2));
            for (var f : fs) {
                if (result.notDone().contains(f)) {
                    int i = fs.indexOf(f);
                    boolean cancelled = f.cancel(false);
                    System.out.println("  cancel task " + i + " -> " + cancelled + (cancelled ? ""
                            : i == 0 ? "  (running: it goes on)"
                            : "  (running: the thread task 1 freed took it at once)"));
                }
            }
            release.countDown();
            var results = new ArrayList<String>();
            for (var f : fs) {
                if (f.state() != CompletableFuture.State.FAILED && f.state() != CompletableFuture.State.CANCELLED) {
                    results.add("task " + fs.indexOf(f) + " = " + f.join());
                }
            }
            System.out.println("  finished anyway: " + results + "; tasks run: " + batch.ran
                    + "; cancelled, never run: " + fs.stream().filter(CompletableFuture::isCancelled).map(fs::indexOf).toList());
        }
    }

    /** The six tasks: task 1 fails at once, the others wait for {@code release} and return i * i. */
    private static final class Batch {
        final CountDownLatch release;
        final List<CountDownLatch> started = IntStream.range(0, TASKS).mapToObj(i -> new CountDownLatch(1)).toList();
        final Set<Integer> ran = new ConcurrentSkipListSet<>();

        Batch(CountDownLatch release) {
            this.release = release;
        }

        List<CompletableFuture<Integer>> submitAll(ExecutorService pool) {
            var fs = new ArrayList<CompletableFuture<Integer>>();
            for (int i = 0; i < TASKS; i++) {
                int task = i;
                TaskFuture<Integer> f = Futures.submit(pool, () -> run(task));
                fs.add(f);
            }
            return fs;
        }

        private int run(int i) {
            ran.add(i);
            started.get(i).countDown();
            if (i == FAILING) {
                throw new IllegalArgumentException("task 1 failed");
            }
            awaitQuietly(release);
            return i * i;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
