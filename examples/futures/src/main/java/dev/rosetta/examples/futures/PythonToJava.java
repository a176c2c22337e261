package dev.rosetta.examples.futures;

import dev.rosetta.futures.Futures;
import dev.rosetta.futures.ProcessPoolExecutor;
import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.PicklingError;
import dev.rosetta.trace.TimelineFlag;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;

/**
 * One program, two executors: {@code concurrent.futures} line by line in Java, run on a thread
 * pool and then, unchanged, on a pool of worker processes.
 *
 * <pre>
 * import os, threading
 * from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor, as_completed, wait, ALL_COMPLETED
 *
 * def square(x):
 *     return x * x
 *
 * def program(pool):
 *     f = pool.submit(pow, 2, 10)
 *     print("submit:", f.result())                                     # 1024
 *     print("map:", list(pool.map(square, range(5))))                  # [0, 1, 4, 9, 16]
 *     fs = [pool.submit(square, x) for x in (3, 4, 5)]
 *     print("as_completed:", sorted(f.result() for f in as_completed(fs)))
 *     done, not_done = wait(fs, return_when=ALL_COMPLETED)
 *     print("wait:", len(done), "done,", len(not_done), "not done")
 *     print("ran in this process:", pool.submit(os.getpid).result() == os.getpid())
 *     pool.shutdown(wait=True)
 *     try:
 *         pool.submit(square, 1)
 *     except RuntimeError as e:
 *         print("after shutdown:", e)                                  # cannot schedule new futures after shutdown
 *
 * if __name__ == "__main__":
 *     program(ThreadPoolExecutor(2))
 *     program(ProcessPoolExecutor(2))                                  # "easy to switch threads for processes"
 *     with ProcessPoolExecutor(2) as pool:
 *         lock = threading.Lock()
 *         pool.submit(square, lock).result()                           # TypeError: cannot pickle '_thread.lock' object
 * </pre>
 *
 * <p>What to watch for: the two runs print the same lines but one, "ran in this process". The
 * switch is one constructor, as in Python, because every task is written as a
 * {@link PicklableCallable} or {@link PicklableFunction}: a lambda that can be sent to another
 * process. What changes is what a task may capture: a lock (here a plain {@code Object} used as a
 * monitor) means nothing in another process, so the process pool refuses it. Python finds out
 * when it pickles the task on its feeder thread, and raises from {@code result()}; here the
 * check runs in {@code submit}, in the caller's thread.
 *
 * <p>The two helpers {@link #submit} and {@link #map} are the only lines that know which kind of
 * executor they hold: {@code Futures.submit} and {@code Futures.map} take plain lambdas, which
 * cannot cross to another process, so on a {@link ProcessPoolExecutor} they call its own
 * {@code submit} and {@code map}.
 */
public final class PythonToJava {
    private PythonToJava() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, PythonToJava::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        program("ThreadPoolExecutor(2)", "Executors.newFixedThreadPool(2)", Executors.newFixedThreadPool(2));
        program("ProcessPoolExecutor(2)", "new ProcessPoolExecutor(2)", new ProcessPoolExecutor(2));
        whatChanges();
    }

    /** The Python program above, written once against {@code ExecutorService}. */
    private static void program(String python, String java, ExecutorService pool) throws Exception {
        System.out.println("== " + python + "  ->  " + java);
        boolean processes = pool instanceof ProcessPoolExecutor;
        try {
            CompletableFuture<Integer> f = submit(pool, () -> pow(2, 10));
            row("submit(pow, 2, 10).result()", (processes ? "pool.submit(task)" : "Futures.submit(pool, task)") + ".join()",
                    f.join());

            var squares = new ArrayList<Integer>();
            map(pool, PythonToJava::square, IntStream.range(0, 5).boxed().toList()).forEachRemaining(squares::add);
            row("list(map(square, range(5)))", processes ? "pool.map(fn, items)" : "Futures.map(pool, fn, items)", squares);

            List<CompletableFuture<Integer>> fs = List.of(submit(pool, () -> square(3)), submit(pool, () -> square(4)),
                    submit(pool, () -> square(5)));
            var finished = new ArrayList<Integer>();
            for (Iterator<CompletableFuture<Integer>> it = Futures.asCompleted(fs); it.hasNext(); ) {
                finished.add(it.next().join());
            }
            finished.sort(null);
            row("sorted(r for f in as_completed(fs))", "Futures.asCompleted(fs)", finished);

            var doneAndNot = Futures.wait(fs, null, Futures.ReturnWhen.ALL_COMPLETED);
            row("wait(fs, return_when=ALL_COMPLETED)", "Futures.wait(fs, null, ALL_COMPLETED)",
                    doneAndNot.done().size() + " done, " + doneAndNot.notDone().size() + " not done");

            long me = ProcessHandle.current().pid();
            long there = submit(pool, () -> ProcessHandle.current().pid()).join();
            row("ran in this process", "pid of the task == my pid", there == me);

            Futures.shutdown(pool, true, false);
            row("shutdown(wait=True)", "Futures.shutdown(pool, true, false)", "terminated: " + pool.isTerminated());
            try {
                submit(pool, () -> square(1));
            } catch (RejectedExecutionException e) {
                row("submit after shutdown", "RejectedExecutionException", firstClause(e.getMessage()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A task that uses a monitor: fine on threads, refused by a process pool. */
    private static void whatChanges() throws Exception {
        System.out.println("== what changes with processes: whatever a task captures must pickle");
        Object lock = new Object();
        System.out.println("  a task that locks a captured Object, synchronized (lock) { return square(7); }");
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            int result = submit(threads, () -> {
                synchronized (lock) {
                    return square(7);
                }
            }).join();
            System.out.println("    on threads:   ran, returned " + result);
        }
        try (var processes = new ProcessPoolExecutor(2)) {
            submit(processes, () -> {
                synchronized (lock) {
                    return square(7);
                }
            });
            System.out.println("    on processes: accepted (unexpected)");
        } catch (PicklingError e) {
            System.out.println("    on processes: refused at submit, PicklingError: "
                    + (e.getMessage().contains("java.lang.Object") ? "it captures a java.lang.Object, which is not Serializable"
                    : e.getMessage()));
        }
        System.out.println("    (Python: TypeError: cannot pickle '_thread.lock' object, raised by f.result())");
    }

    /** {@code pool.submit(fn)} on either kind of executor. */
    private static <T> CompletableFuture<T> submit(ExecutorService pool, PicklableCallable<T> task) {
        return pool instanceof ProcessPoolExecutor processes ? processes.submit(task) : Futures.submit(pool, task);
    }

    /** {@code pool.map(fn, items)} on either kind of executor. */
    private static <T, R> Futures.Results<R> map(ExecutorService pool, PicklableFunction<T, R> fn, List<T> items) {
        if (pool instanceof ProcessPoolExecutor processes) {
            return processes.map(fn, items);
        }
        return Futures.map(pool, item -> {
            try {
                return fn.apply(item);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, items);
    }

    private static void row(String python, String java, Object value) {
        System.out.printf("  %-38s %-40s %s%n", python, java, value);
    }

    private static String firstClause(String message) {
        int colon = message.indexOf(':');
        return colon < 0 ? message : message.substring(0, colon);
    }

    private static int pow(int base, int exponent) {
        return (int) Math.pow(base, exponent);
    }

    private static int square(int x) {
        return x * x;
    }
}
