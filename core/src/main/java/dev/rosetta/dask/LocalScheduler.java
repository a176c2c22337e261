package dev.rosetta.dask;

import dev.rosetta.futures.ProcessPoolExecutor;
import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * dask's local schedulers — {@code dask.local.get_sync}, {@code dask.threaded.get} and
 * {@code dask.multiprocessing.get} — as one loop ({@code dask.local.get_async}) over three ways
 * to run a task: in the caller's thread, on a pool of threads, or in worker processes of a
 * {@link ProcessPoolExecutor} (then every task and every partition it reads must pickle).
 *
 * <pre>{@code
 * // Python:  df.groupby("zone").fare.mean().compute(scheduler="threads")
 * try (var threads = LocalScheduler.threads(2)) {
 *     Partition means = frame.groupBy("zone").mean("fare").compute(threads);
 * }
 * }</pre>
 *
 * <p><b>The loop</b> runs in the thread that calls {@link #get}. It keeps the ready tasks in
 * {@link TaskGraph#order} priority, keeps at most two tasks per worker sent (one running, one
 * queued behind it, so a worker never waits for the loop), and waits for finished ones. Then it stores the value, releases every input no other task still needs (so
 * memory holds the partitions in flight, not the whole data set), and readies the tasks that were
 * waiting only for this one. The first failure stops it: no new task is sent, the running ones
 * are waited for, and the failing task's exception is thrown.
 *
 * <p><b>Costs.</b> Each task costs a hand-off to a worker and one back to the loop: a few
 * microseconds on threads, a pickled round trip on processes — which is why partitions should be
 * large and per-partition chains are {@link TaskGraph#fuse fused} into one task.
 *
 * <p>Thread-safety: one {@code get} at a time; {@link #close()} from any thread.
 */
public final class LocalScheduler implements Scheduler {
    private final String name;
    private final int workers;
    private final ExecutorService threads;
    private final ProcessPoolExecutor processes;
    /** The most values the last {@code get} held at once; written by the loop, read by anyone. */
    private volatile int peakHeld;

    private LocalScheduler(String name, int workers, ExecutorService threads, ProcessPoolExecutor processes) {
        this.name = name;
        this.workers = workers;
        this.threads = threads;
        this.processes = processes;
    }

    /** Every task in the caller's thread, one after another ({@code scheduler="synchronous"}): for debugging. */
    public static LocalScheduler synchronous() {
        return new LocalScheduler("synchronous", 1, null, null);
    }

    /** A pool of {@code workers} threads ({@code scheduler="threads"}, dask's default for frames). */
    public static LocalScheduler threads(int workers) {
        requirePositive(workers);
        return new LocalScheduler("threads", workers, Executors.newFixedThreadPool(workers,
                Thread.ofPlatform().name("dask-worker-", 1).daemon(true).factory()), null);
    }

    /** {@code workers} worker processes ({@code scheduler="processes"}): tasks and partitions are pickled. */
    public static LocalScheduler processes(int workers) {
        requirePositive(workers);
        return processes(Pool.Options.processes(workers));
    }

    /** Worker processes built from these options (e.g. {@code jvmOptions("-Xmx256m")}). */
    public static LocalScheduler processes(Pool.Options options) {
        return new LocalScheduler("processes", options.processes(), null, new ProcessPoolExecutor(options));
    }

    private static void requirePositive(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a scheduler needs at least 1 worker, was " + workers);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The most task values the last {@link #get} held at once (finished, and still needed or
     * wanted): how many partitions' worth of memory it used, whatever the size of the data.
     */
    public int peakHeld() {
        return peakHeld;
    }

    /** How many tasks run at once. */
    public int workers() {
        return workers;
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
            awaitQuietly(threads);
        }
        if (processes != null) {
            processes.shutdown();
            awaitQuietly(processes);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A finished task, as the workers hand it back to the loop. */
    private record Outcome(String key, Object value, Throwable error) {
    }

    @Override
    public List<Object> get(TaskGraph graph, List<String> keys, Callback callback) {
        var priority = graph.order(keys);
        var dependents = graph.dependents();
        var wanted = new HashSet<>(keys);
        var waitingFor = new HashMap<String, Integer>();   // key -> dependencies without a value yet
        var usersLeft = new HashMap<String, Integer>();    // key -> dependents not yet finished
        var ready = new PriorityQueue<String>(Comparator.comparing(priority::get));
        for (Task t : graph.tasks().values()) {
            waitingFor.put(t.key(), t.dependencies().size());
            usersLeft.put(t.key(), dependents.get(t.key()).size());
            if (t.dependencies().isEmpty()) {
                ready.add(t.key());
            }
        }
        var results = new HashMap<String, Object>();
        var finished = new LinkedBlockingQueue<Outcome>();
        var batch = new ArrayList<Outcome>();
        int total = graph.size();
        int done = 0;
        int inFlight = 0;
        int peak = 0;
        Outcome failure = null;
        callback.start(graph, total);
        try {
            while (done < total && (failure == null || inFlight > 0)) {
                while (failure == null && inFlight < 2 * workers && !ready.isEmpty()) {
                    Task task = graph.task(ready.poll());
                    var inputs = new ArrayList<Object>(task.dependencies().size());
                    for (String d : task.dependencies()) {
                        inputs.add(results.get(d));
                    }
                    callback.pretask(task.key());
                    submit(task, inputs, finished);
                    inFlight++;
                }
                batch.add(finished.take());
                finished.drainTo(batch); // all that finished meanwhile: one wake-up for several tasks
                for (Outcome o : batch) {
                    inFlight--;
                    if (o.error() != null) {
                        failure = failure == null ? o : failure;
                        continue;
                    }
                    results.put(o.key(), o.value());
                    peak = Math.max(peak, results.size());
                    callback.posttask(o.key(), ++done, total);
                    for (String d : graph.task(o.key()).dependencies()) {
                        if (usersLeft.merge(d, -1, Integer::sum) == 0 && !wanted.contains(d)) {
                            results.remove(d); // every user is done: release it
                        }
                    }
                    for (String user : dependents.get(o.key())) {
                        if (waitingFor.merge(user, -1, Integer::sum) == 0) {
                            ready.add(user);
                        }
                    }
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.finish(true);
            throw new IllegalStateException("interrupted while computing " + keys, e);
        }
        peakHeld = peak;
        callback.finish(failure != null);
        if (failure != null) {
            throw rethrow(failure);
        }
        var out = new ArrayList<Object>(keys.size());
        for (String k : keys) {
            out.add(results.get(k));
        }
        return out;
    }

    private void submit(Task task, List<Object> inputs, LinkedBlockingQueue<Outcome> finished) {
        if (processes != null) {
            processes.submit(() -> runTask(task, inputs)).whenComplete((v, e) ->
                    finished.add(new Outcome(task.key(), v, e == null ? null : unwrap(e))));
            return;
        }
        Runnable run = () -> {
            try {
                finished.add(new Outcome(task.key(), runTask(task, inputs), null));
            } catch (Throwable e) {
                finished.add(new Outcome(task.key(), null, e));
            }
        };
        if (threads == null) {
            run.run();
        } else {
            threads.execute(run);
        }
    }

    static Object runTask(Task task, List<Object> inputs) throws Exception {
        Tracer tracer = Tracer.active(); // null unless a timeline is being recorded: no cost when off
        if (tracer == null) {
            return task.function().call(inputs);
        }
        try (var span = tracer.span(task.key(), Map.of(Span.KIND, "dask task", "task", task.label()))) {
            return task.function().call(inputs);
        }
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static RuntimeException rethrow(Outcome failure) {
        Throwable e = failure.error();
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        return new IllegalStateException("task " + failure.key() + " failed: " + e, e);
    }
}
