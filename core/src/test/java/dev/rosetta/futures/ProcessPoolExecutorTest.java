package dev.rosetta.futures;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.PicklingError;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.multiprocessing.RemoteError;
import dev.rosetta.testkit.TimeLimits;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link ProcessPoolExecutor}: an ExecutorService whose tasks run in worker processes. */
class ProcessPoolExecutorTest {

    /** submit runs the task in another process; map keeps order with any chunk size. */
    @Test
    void submitAndMapRunInTheWorkers() throws Exception {
        long me = ProcessHandle.current().pid();
        try (var pool = new ProcessPoolExecutor(2)) {
            long where = pool.submit(() -> ProcessHandle.current().pid()).get();
            assertTrue(pool.workerPids().contains(where) && where != me, where + " vs " + pool.workerPids());

            List<Integer> items = IntStream.range(0, 1_000).boxed().toList();
            for (int chunksize : List.of(1, 7, 500, 5_000)) {
                var squares = new ArrayList<Integer>();
                pool.map((Integer x) -> x * x, items, null, chunksize).forEachRemaining(squares::add);
                assertEquals(items.stream().map(x -> x * x).toList(), squares, "chunksize " + chunksize);
            }
            ExecutorService asJdk = pool;
            List<Callable<String>> tasks = List.of((Callable<String> & Serializable) () -> "a",
                    (Callable<String> & Serializable) () -> "b");
            var all = asJdk.invokeAll(tasks);
            assertEquals(List.of("a", "b"), List.of(all.get(0).get(), all.get(1).get()));
        }
    }

    /** A plain Callable cannot cross to a worker: refused at submit, saying how to fix it. */
    @Test
    void aPlainCallableIsRefusedAtSubmit() {
        try (var pool = new ProcessPoolExecutor(1)) {
            ExecutorService asJdk = pool;
            var e = assertThrows(PicklingError.class, () -> asJdk.submit(() -> "plain"));
            assertTrue(e.getMessage().contains("it is a plain Callable, not Serializable"), e.getMessage());

            var completion = new ExecutorCompletionService<String>(pool);
            var wrapped = assertThrows(PicklingError.class, () -> completion.submit((Callable<String> & Serializable) () -> "x"));
            assertTrue(wrapped.getMessage().contains("not Serializable"), wrapped.getMessage());

            Thread here = Thread.currentThread();
            var captured = assertThrows(PicklingError.class, () -> pool.submit(() -> here.getName()));
            assertTrue(captured.getMessage().contains("java.lang.Thread"), captured.getMessage());
        }
    }

    /** A task that raises fails its future with its own exception, the worker's stack trace as its cause; the executor goes on. */
    @Test
    void aTaskExceptionComesBack() throws Exception {
        try (var pool = new ProcessPoolExecutor(1)) {
            var f = pool.submit(() -> {
                throw new IllegalStateException("bad input 42");
            });
            var e = assertThrows(ExecutionException.class, f::get);
            // CPython: future.exception() is the task's own exception, RemoteTraceback as its cause
            var raised = assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("bad input 42", raised.getMessage());
            var remote = assertInstanceOf(RemoteError.class, raised.getCause());
            assertEquals("java.lang.IllegalStateException", remote.remoteType());
            assertEquals(3, pool.submit(() -> 1 + 2).get());
        }
    }

    /** cancel: true for a task no worker has taken, false for the running one, which finishes. */
    @Test
    void cancelStopsOnlyWhatNoWorkerHasTaken() throws Exception {
        try (var pool = new ProcessPoolExecutor(1); var started = Queue.<String>create(1);
             var release = Queue.<String>create(1)) {
            var running = pool.submit(() -> {
                started.put("started");
                return release.get();
            });
            started.get();
            var waiting = pool.submit(() -> "never");

            assertTrue(running.running());
            assertFalse(running.cancel(true), "a running task cannot be cancelled");
            assertTrue(waiting.cancel(false), "a waiting one can");
            assertTrue(waiting.isCancelled());
            assertThrows(CancellationException.class, waiting::join);
            release.put("finished anyway");
            assertEquals("finished anyway", running.get());
        }
    }

    /** shutdown(wait, cancelFutures): pending tasks cancelled, the running one finishes, submit refused. */
    @Test
    void shutdownWithCancelFutures() throws Exception {
        var pool = new ProcessPoolExecutor(1);
        try (var started = Queue.<String>create(1); var release = Queue.<String>create(1)) {
            var running = pool.submit(() -> {
                started.put("started");
                return release.get();
            });
            var pending = IntStream.range(0, 5).mapToObj(i -> pool.submit(() -> i)).toList();
            started.get();

            var cancelled = Futures.shutdown(pool, false, true);
            release.put("done");
            Futures.shutdown(pool, true, false);

            assertEquals(5, cancelled.size());
            assertTrue(pending.stream().allMatch(ProcessPoolExecutor.ProcessFuture::isCancelled));
            assertEquals("done", running.get());
            assertTrue(pool.isTerminated());
            assertThrows(RejectedExecutionException.class, () -> pool.submit(() -> 1));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A worker killed mid-task breaks the executor, as in Python: that task, the pending and later ones fail. */
    @Test
    void aKilledWorkerBreaksTheExecutor() throws Exception {
        try (var pool = new ProcessPoolExecutor(1); var pids = Queue.<Long>create(1)) {
            var doomed = pool.submit(() -> {
                pids.put(ProcessHandle.current().pid());
                Thread.sleep(Long.MAX_VALUE); // the scenario, not a synchroniser: a task that runs until killed
                return "unreachable";
            });
            var pending = pool.submit(() -> "never");
            long pid = pids.get();

            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            var e = assertThrows(ExecutionException.class, doomed::get);
            var broken = assertInstanceOf(BrokenProcessPool.class, e.getCause());
            assertTrue(broken.getMessage().startsWith("A process in the process pool was terminated abruptly"),
                    broken.getMessage());
            assertTrue(broken.getMessage().contains("pid " + pid + ") died (killed by signal 9 (SIGKILL))"),
                    broken.getMessage());
            assertInstanceOf(BrokenWorkerError.class, broken.getCause());
            assertTrue(broken.wasInTheDeadWorker(), "the task that was running when its worker died");
            var alsoBroken = assertInstanceOf(BrokenProcessPool.class,
                    assertThrows(ExecutionException.class, pending::get).getCause());
            assertFalse(alsoBroken.wasInTheDeadWorker(), "a pending task fails only because the executor broke");
            assertThrows(BrokenProcessPool.class, () -> pool.submit(() -> 1));
            await().atMost(TimeLimits.LONG).until(pool::isTerminated);
        }
    }

    /** Python's max_tasks_per_child: each task in a fresh worker. */
    @Test
    void maxTasksPerChildReplacesWorkers() throws Exception {
        try (var pool = new ProcessPoolExecutor(dev.rosetta.multiprocessing.Pool.Options.processes(1).maxTasksPerChild(1))) {
            long first = pool.submit(() -> ProcessHandle.current().pid()).get();
            long second = pool.submit(() -> ProcessHandle.current().pid()).get();
            assertTrue(first != second, "both tasks ran in worker " + first);
        }
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ProcessPoolExecutor(dev.rosetta.multiprocessing.Pool.Options.processes(1).retries(1)));
        assertTrue(e.getMessage().startsWith("a ProcessPoolExecutor does not retry tasks"), e.getMessage());
    }

    /** Thousands of tasks submitted one by one all come back, through asCompleted. */
    @Test
    void manySubmittedTasksAllComeBack() {
        try (var pool = new ProcessPoolExecutor(2)) {
            var futures = new ArrayList<java.util.concurrent.CompletableFuture<Integer>>();
            for (int i = 0; i < 5_000; i++) {
                int value = i;
                futures.add(pool.submit(() -> value));
            }
            long sum = 0;
            for (var it = Futures.asCompleted(futures, TimeLimits.LONG); it.hasNext(); ) {
                sum += it.next().join();
            }
            assertEquals(5_000L * 4_999 / 2, sum);
        }
    }
}
