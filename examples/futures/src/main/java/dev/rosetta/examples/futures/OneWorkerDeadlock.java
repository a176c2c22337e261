package dev.rosetta.examples.futures;

import dev.rosetta.futures.Futures;
import dev.rosetta.futures.TaskFuture;
import dev.rosetta.trace.TimelineFlag;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The classic deadlock of the Python docs: a task in a one-worker pool waits for another task of
 * the same pool.
 *
 * <pre>
 * from concurrent.futures import ThreadPoolExecutor
 *
 * def wait_on_future():
 *     f = executor.submit(pow, 5, 2)
 *     # This will never complete because there is only one worker thread and
 *     # it is executing this function.
 *     print(f.result())
 *
 * executor = ThreadPoolExecutor(max_workers=1)
 * outer = executor.submit(wait_on_future)
 * outer.result(timeout=1)                  # TimeoutError: and the interpreter can never exit
 * </pre>
 *
 * <p>What to watch for: the outer task holds the only thread and waits for the inner one, which
 * sits in the queue waiting for a thread. Nothing is locked, so the JVM's deadlock detector
 * ({@code ThreadMXBean.findDeadlockedThreads}) finds nothing: the report shows the worker parked
 * in {@code CompletableFuture.get} inside our task, and the inner task still in the queue. A
 * bounded wait ({@code get(timeout)}) is how you notice.
 *
 * <p>The fixes, both on the same one-thread pool idea:
 * <ul>
 *   <li>a bigger pool: two threads, so the inner task gets the second. It only moves the limit:
 *       two such tasks at once on two threads deadlock again;</li>
 *   <li>better, never block inside a task: compose, {@code submit(outer).thenCompose(x -> submit(inner))}.
 *       No thread waits; the inner task is submitted when the outer one has finished, and one
 *       thread is enough.</li>
 * </ul>
 * Python cannot end the deadlocked program at all (its worker threads are joined at exit). Here
 * {@code shutdownNow()} interrupts the worker: the blocked {@code get} throws
 * {@code InterruptedException}, the outer task fails, and the pool ends.
 *
 * <p>The thread report is made here from {@link ThreadMXBean}, the data {@code jstack} prints,
 * rather than from the testkit's {@code ThreadReport}: examples depend on {@code core} only at
 * run time (the testkit brings JUnit with it), and the ten lines below show where such a report
 * comes from.
 */
public final class OneWorkerDeadlock {
    private static final Duration PATIENCE = Duration.ofMillis(500);

    private OneWorkerDeadlock() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, OneWorkerDeadlock::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        deadlocked();
        System.out.println();
        fixedWithABiggerPool();
        System.out.println();
        fixedByComposing();
    }

    private static void deadlocked() throws Exception {
        System.out.println("BAD  a task in a 1-thread pool waits for another task of the same pool");
        var pool = (java.util.concurrent.ThreadPoolExecutor) Executors.newFixedThreadPool(1, named("one-worker"));
        var innerSubmitted = new CountDownLatch(1);
        TaskFuture<Integer> outer = Futures.submit(pool, () -> waitOnFuture(pool, innerSubmitted));
        innerSubmitted.await();
        try {
            System.out.println("  outer.get(" + PATIENCE.toMillis() + " ms) -> " + outer.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            System.out.println("  outer.get(" + PATIENCE.toMillis() + " ms) -> TimeoutException: not done, and it never will be");
        }
        Thread worker = threadNamed("one-worker-1");
        awaitParked(worker);
        System.out.println("  thread report:");
        System.out.print(report(worker));
        System.out.println("  tasks waiting in the queue for a thread: " + pool.getQueue().size() + " (the inner pow(5, 2))");
        long[] cycle = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        System.out.println("  ThreadMXBean.findDeadlockedThreads(): " + (cycle == null ? "none" : cycle.length + " threads")
                + " (no lock is involved: a thread waits for a task queued behind itself)");

        List<Runnable> neverStarted = pool.shutdownNow();
        try {
            outer.get();
        } catch (ExecutionException e) {
            System.out.println("  shutdownNow(): interrupted the worker, so outer failed with "
                    + e.getCause().getClass().getSimpleName() + "; " + neverStarted.size() + " task never started");
        }
        // only now: cancelled earlier, the inner future could wake the outer task with a CancellationException before the interrupt did
        neverStarted.forEach(r -> ((TaskFuture<?>) r).cancel(false));
        System.out.println("  its future cancelled, so that nobody waits for it: " + ((TaskFuture<?>) neverStarted.getFirst()).isCancelled());
        System.out.println("  pool terminated: " + pool.awaitTermination(1, TimeUnit.MINUTES));
    }

    private static void fixedWithABiggerPool() throws Exception {
        System.out.println("GOOD (partly) the same tasks on a 2-thread pool: the inner task gets the second thread");
        try (ExecutorService pool = Executors.newFixedThreadPool(2, named("two-workers"))) {
            var innerSubmitted = new CountDownLatch(1);
            TaskFuture<Integer> outer = Futures.submit(pool, () -> waitOnFuture(pool, innerSubmitted));
            System.out.println("  outer.get() -> " + outer.get(1, TimeUnit.MINUTES)
                    + "  (but two such outer tasks at once would take both threads and deadlock again)");
        }
    }

    private static void fixedByComposing() throws Exception {
        System.out.println("GOOD do not block inside a task: compose, on a 1-thread pool");
        try (ExecutorService pool = Executors.newFixedThreadPool(1, named("composed"))) {
            CompletableFuture<Integer> outer = Futures.submit(pool, () -> 5)
                    .thenCompose(base -> Futures.submit(pool, () -> pow(base, 2)));
            System.out.println("  Futures.submit(pool, () -> 5).thenCompose(b -> Futures.submit(pool, () -> pow(b, 2))).get() -> "
                    + outer.get(1, TimeUnit.MINUTES) + "  (no thread ever waited for another task)");
        }
    }

    /** Python's {@code wait_on_future}: submits to its own pool and blocks for the answer. */
    private static int waitOnFuture(ExecutorService pool, CountDownLatch innerSubmitted) throws Exception {
        TaskFuture<Integer> inner = Futures.submit(pool, () -> pow(5, 2));
        innerSubmitted.countDown();
        return inner.get(); // BAD - blocks the pool's thread until another task of the same pool has run
    }

    private static int pow(int base, int exponent) {
        return (int) Math.pow(base, exponent);
    }

    /** What {@code jstack} would say of {@code thread}: its state, what it waits on, its frames in our code. */
    private static String report(Thread thread) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ThreadInfo info = mx.getThreadInfo(new long[] {thread.threadId()}, false, false)[0];
        var out = new StringBuilder();
        out.append("    \"").append(info.getThreadName()).append("\" ").append(info.getThreadState());
        if (info.getLockInfo() != null) {
            String lock = info.getLockInfo().getClassName();
            out.append(" on a ").append(lock.substring(lock.lastIndexOf('.') + 1));
        }
        out.append('\n');
        StackTraceElement[] stack = info.getStackTrace();
        Arrays.stream(stack)
                .filter(f -> f.getClassName().equals(CompletableFuture.class.getName()) && f.getMethodName().equals("get")
                        || f.getClassName().startsWith(OneWorkerDeadlock.class.getName()))
                .limit(3)
                .forEach(f -> out.append("      at ").append(f.getClassName()).append('.').append(f.getMethodName())
                        .append('(').append(f.getFileName()).append(':').append(f.getLineNumber()).append(")\n"));
        return out.toString();
    }

    private static Thread threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread named " + name));
    }

    /** Until the thread has parked in its wait: it may still be on its way there when the time-out fires. */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static ThreadFactory named(String prefix) {
        return Thread.ofPlatform().name(prefix + "-", 1).factory();
    }
}
