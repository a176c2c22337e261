package dev.rosetta.multiprocessing;

import dev.rosetta.common.Waiting;
import dev.rosetta.trace.Tracer;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Python's {@code multiprocessing.Pool}: worker processes that run your function on your data.
 *
 * <pre>{@code
 * try (var pool = new Pool(2)) {                                   // with Pool(2) as pool:
 *     List<Long> squares = pool.map(x -> (long) x * x, numbers);   //     pool.map(square, numbers)
 * }
 * }</pre>
 *
 * <p><b>What it reproduces.</b> {@code map} (default chunk size {@code ceil(n / (4 × processes))},
 * as CPython), {@code imap} and {@code imapUnordered} (default chunk size 1, as CPython),
 * {@code starmap} (pairs, or tuples of any length), {@code apply}, {@code applyAsync},
 * {@code mapAsync} and {@code starmapAsync} with callback and error callback,
 * {@code initializer}, {@code maxTasksPerChild}; {@link #close()} and {@link #terminate()}. A task's
 * exception is raised again with its own type when it can cross, the worker's trace as its
 * cause ({@link RemoteError} says when it cannot); when several tasks fail, {@code map} raises
 * the first in input order (CPython: the first to fail in time). Workers are real JVMs started from this one's class path, fed over
 * pipes ({@link WorkerMain}); functions must be {@link PicklableFunction}s and everything sent
 * must be serialisable ({@link Pickle}), checked at submit.
 *
 * <p><b>What it does better than CPython.</b> A worker killed mid-task (even by SIGKILL) does
 * not hang the pool (cpython#96062): the tasks it held fail with a {@link BrokenWorkerError}
 * (or are run again, if {@link Options#retries} allows), a replacement starts, the other tasks
 * finish. Workers exit by themselves when this process dies, however it dies.
 *
 * <p><b>Threads.</b> Each worker has a dispatcher thread (takes chunks from the shared queue,
 * a few ahead of the worker: see {@link SendWindow}) and a results thread (reads answers,
 * completes futures); both, the worker processes and the run state live in {@link Workers}, the
 * engine under this class, which is only the API: it checks and cuts the work into chunks, and
 * puts the results back together. <em>Callbacks of {@link #applyAsync} run on a results
 * thread</em>, as in Python: keep them short.
 *
 * <p><b>Seeing it.</b> While {@link Tracer#record() tracing} is on, every chunk a worker runs
 * comes back with its span, on the lane "worker-N (pid P) / main": the timeline shows the
 * workers running side by side.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class Pool implements AutoCloseable {

    /**
     * How to build a pool; start from {@link #processes(int)}.
     *
     * @param processes        worker processes, at least 1
     * @param initializer      run once in each worker before its first task, or null
     * @param maxTasksPerChild chunks a worker runs before it is replaced by a fresh one; 0 = no limit
     * @param retries          how often a chunk lost with a dead worker is run again before it fails
     * @param allow            extra allow-list patterns for reading objects ({@link Pickle#allowList})
     * @param jvmOptions       extra options for the worker JVMs (e.g. {@code -Xmx256m})
     * @param classPath        the workers' class path; empty means this JVM's
     * @param workerArchive    whether workers may start from the class-data-sharing archive of
     *                         {@link WorkerArchive} (a faster start, trained in the background);
     *                         on by default, unless {@code rosetta.workerCache=off} switches it off
     *                         for the whole JVM
     */
    public record Options(int processes, PicklableRunnable initializer, int maxTasksPerChild, int retries,
                          List<String> allow, List<String> jvmOptions, List<Path> classPath, boolean workerArchive) {
        /** Checks every value against its rule. */
        public Options {
            if (processes < 1) {
                throw new IllegalArgumentException("processes must be at least 1, was " + processes);
            }
            if (maxTasksPerChild < 0) {
                throw new IllegalArgumentException("maxTasksPerChild must be 0 (no limit) or more, was " + maxTasksPerChild);
            }
            if (retries < 0) {
                throw new IllegalArgumentException("retries must be 0 or more, was " + retries);
            }
            allow = List.copyOf(allow);
            jvmOptions = List.copyOf(jvmOptions);
            classPath = List.copyOf(classPath);
        }

        /** A pool of {@code processes} workers with Python's defaults. */
        public static Options processes(int processes) {
            return new Options(processes, null, 0, 0, List.of(), List.of(), List.of(), true);
        }

        /** Python's {@code initializer=}: run once in each worker before its first task. */
        public Options initializer(PicklableRunnable code) {
            return new Options(processes, code, maxTasksPerChild, retries, allow, jvmOptions, classPath, workerArchive);
        }

        /** Python's {@code maxtasksperchild=}: chunks a worker runs before a fresh one replaces it. */
        public Options maxTasksPerChild(int chunks) {
            return new Options(processes, initializer, chunks, retries, allow, jvmOptions, classPath, workerArchive);
        }

        /** How often a chunk lost with a dead worker runs again (CPython has no such option: it hangs). */
        public Options retries(int times) {
            return new Options(processes, initializer, maxTasksPerChild, times, allow, jvmOptions, classPath, workerArchive);
        }

        /** More allow-list patterns for reading objects ({@link Pickle#allowList}). */
        public Options allow(String... patterns) {
            var all = new ArrayList<>(allow);
            all.addAll(List.of(patterns));
            return new Options(processes, initializer, maxTasksPerChild, retries, all, jvmOptions, classPath, workerArchive);
        }

        /** Options for the worker JVMs, e.g. {@code -Xmx256m}. */
        public Options jvmOptions(String... options) {
            return new Options(processes, initializer, maxTasksPerChild, retries, allow, List.of(options), classPath,
                    workerArchive);
        }

        /** The workers' class path, instead of this JVM's. */
        public Options classPath(List<Path> entries) {
            return new Options(processes, initializer, maxTasksPerChild, retries, allow, jvmOptions, entries, workerArchive);
        }

        /**
         * Whether workers may start from {@link WorkerArchive}'s class-data-sharing archive; false
         * starts them the plain way, as {@code java -cp ... WorkerMain}, and trains nothing.
         */
        public Options workerArchive(boolean use) {
            return new Options(processes, initializer, maxTasksPerChild, retries, allow, jvmOptions, classPath, use);
        }
    }

    /** A pair of arguments for {@link #starmap}: Python's {@code (a, b)}. */
    public record Pair<A, B>(A first, B second) implements Serializable {
    }

    /** A two-argument function that can be sent to a worker, for {@link #starmap}. */
    @FunctionalInterface
    public interface PicklableBiFunction<A, B, R> extends Serializable {
        /** Applies it, in the worker. */
        R apply(A first, B second) throws Exception;
    }

    /**
     * A function of any number of arguments that can be sent to a worker, for the tuples of
     * {@link #starmap(PicklableStarFunction, List)}: Python's {@code f(*args)}.
     */
    @FunctionalInterface
    public interface PicklableStarFunction<R> extends Serializable {
        /** Applies it to one tuple's values, in the worker. */
        R apply(Object... arguments) throws Exception;
    }

    private final Options options;
    /** The worker processes, the shared queue, the run state: the engine under this API. */
    final Workers workers;
    private final AtomicLong ids = new AtomicLong();

    /** A pool of {@code processes} worker processes: {@code Pool(processes)}. */
    public Pool(int processes) {
        this(Options.processes(processes));
    }

    /** A pool built from {@code options}; returns when every worker is ready for work. */
    public Pool(Options options) {
        this.options = options;
        if (options.initializer() != null) {
            Pickle.dumps(options.initializer());
        }
        this.workers = new Workers(options);
    }

    /** How many worker processes are running now. */
    public int processes() {
        return workers.processes();
    }

    /** The process ids of the current workers. */
    public List<Long> workerPids() {
        return workers.workerPids();
    }

    /** How many workers were started to replace ones that died or retired. */
    public int workersReplaced() {
        return workers.workersReplaced();
    }

    /** {@code pool.map(fn, items)}: the results in order, with CPython's default chunk size. */
    public <T, R> List<R> map(PicklableFunction<T, R> function, List<T> items) {
        return map(function, items, defaultChunksize(items.size()));
    }

    /**
     * {@code pool.map(fn, items, chunksize)}: blocks until every result is in.
     *
     * @throws RuntimeException   what a task raised (the first one in input order), with a
     *                           {@link RemoteError} as its cause; or that RemoteError, if it cannot cross
     * @throws RemoteError        a task raised an exception that cannot cross (see {@link RemoteError})
     * @throws BrokenWorkerError  a worker died holding a task, with no retries left
     */
    public <T, R> List<R> map(PicklableFunction<T, R> function, List<T> items, int chunksize) {
        List<Chunk> chunks = submit(function, items, chunksize);
        // one wait for all, not one per chunk: the caller is woken once, not thousands of times
        try {
            CompletableFuture.allOf(chunks.stream().map(c -> c.result).toArray(CompletableFuture[]::new)).get();
        } catch (java.util.concurrent.ExecutionException | CancellationException failedSomewhere) {
            // the first failure in order is thrown below
        } catch (InterruptedException e) {
            throw Waiting.interrupted("the results of map (its tasks go on in the pool)");
        }
        var results = new ArrayList<R>(items.size());
        this.<R>results(chunks.iterator()).forEachRemaining(results::add);
        return results;
    }

    /** {@code pool.imap(fn, items)}: one task per message, CPython's default for {@code imap} ({@code chunksize=1}). */
    public <T, R> Iterator<R> imap(PicklableFunction<T, R> function, List<T> items) {
        return imap(function, items, 1);
    }

    /** {@code pool.imap_unordered(fn, items)}: {@code chunksize=1}, CPython's default. */
    public <T, R> Iterator<R> imapUnordered(PicklableFunction<T, R> function, List<T> items) {
        return imapUnordered(function, items, 1);
    }

    /** {@code pool.imap(fn, items, chunksize)}: results in order, each as soon as it and those before it are in. */
    public <T, R> Iterator<R> imap(PicklableFunction<T, R> function, List<T> items, int chunksize) {
        List<Chunk> chunks = submit(function, items, chunksize);
        return results(chunks.iterator());
    }

    /** {@code pool.imap_unordered(fn, items, chunksize)}: results in the order their chunks finish. */
    public <T, R> Iterator<R> imapUnordered(PicklableFunction<T, R> function, List<T> items, int chunksize) {
        List<Chunk> chunks = submit(function, items, chunksize);
        BlockingQueue<Chunk> finished = new LinkedBlockingQueue<>();
        chunks.forEach(c -> c.result.whenComplete((r, e) -> finished.add(c)));
        int total = chunks.size();
        return results(new Iterator<>() {
            private int taken;

            @Override
            public boolean hasNext() {
                return taken < total;
            }

            @Override
            public Chunk next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                taken++;
                try {
                    return finished.take();
                } catch (InterruptedException e) {
                    throw Waiting.interrupted("the next result of imapUnordered (its tasks go on in the pool)");
                }
            }
        });
    }

    /** {@code pool.starmap(fn, [(a, b), ...])}: {@code fn(a, b)} for each pair, results in order. */
    public <A, B, R> List<R> starmap(PicklableBiFunction<A, B, R> function, List<Pair<A, B>> pairs) {
        return map(pair -> function.apply(pair.first(), pair.second()), pairs);
    }

    /**
     * {@code pool.starmap(fn, [(a, b, c), ...])} for tuples of any length: {@code fn(*t)} for each
     * tuple {@code t}, results in order. {@code pool.starmap(f, List.of(List.of(1, 2, 3)))}.
     */
    public <R> List<R> starmap(PicklableStarFunction<R> function, List<? extends List<?>> tuples) {
        return map(tuple -> function.apply(tuple.toArray()), tuplesOf(tuples));
    }

    /** Each tuple as a serialisable list (a {@code List.of} is one; a {@code subList} view is not). */
    private static List<List<Object>> tuplesOf(List<? extends List<?>> tuples) {
        return tuples.stream().map(t -> (List<Object>) new ArrayList<Object>(t)).toList();
    }

    /** {@code pool.apply(fn, (arg,))}: one task in a worker; waits for its result and returns it. */
    public <T, R> R apply(PicklableFunction<T, R> function, T argument) {
        return applyAsync(function, argument).get();
    }

    /** {@code pool.map_async(fn, items)}: {@link #map}'s results later, with CPython's default chunk size. */
    public <T, R> AsyncResult<List<R>> mapAsync(PicklableFunction<T, R> function, List<T> items) {
        return mapAsync(function, items, defaultChunksize(items.size()), null, null);
    }

    /**
     * {@code pool.map_async(fn, items, chunksize, callback=, error_callback=)}. The result is the
     * whole list, in order; {@code callback} gets that list, {@code errorCallback} the failure
     * {@link #map} would raise (the first in input order, once every chunk is done). Either runs
     * once, on the results thread that completed the last chunk.
     */
    public <T, R> AsyncResult<List<R>> mapAsync(PicklableFunction<T, R> function, List<T> items, int chunksize,
                                                 Consumer<? super List<R>> callback,
                                                 Consumer<? super Throwable> errorCallback) {
        List<Chunk> chunks = submit(function, items, chunksize);
        CompletableFuture<List<R>> all = CompletableFuture.allOf(chunks.stream().map(c -> c.result)
                .toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
                    var results = new ArrayList<R>(items.size());
                    this.<R>results(chunks.iterator()).forEachRemaining(results::add);
                    return results;
                });
        return withCallbacks(new AsyncResult<>(all, this, chunks), callback, errorCallback);
    }

    /** {@code pool.starmap_async(fn, pairs, callback=, error_callback=)}: {@link #starmap}'s results later. */
    public <A, B, R> AsyncResult<List<R>> starmapAsync(PicklableBiFunction<A, B, R> function, List<Pair<A, B>> pairs,
                                                       Consumer<? super List<R>> callback,
                                                       Consumer<? super Throwable> errorCallback) {
        return mapAsync(pair -> function.apply(pair.first(), pair.second()), pairs, defaultChunksize(pairs.size()),
                callback, errorCallback);
    }

    /** {@code pool.starmap_async(fn, tuples, callback=, error_callback=)} for tuples of any length. */
    public <R> AsyncResult<List<R>> starmapAsync(PicklableStarFunction<R> function, List<? extends List<?>> tuples,
                                                 Consumer<? super List<R>> callback,
                                                 Consumer<? super Throwable> errorCallback) {
        return mapAsync(tuple -> function.apply(tuple.toArray()), tuplesOf(tuples), defaultChunksize(tuples.size()),
                callback, errorCallback);
    }

    /** {@code pool.apply_async(fn, (arg,))}: one task, its result later. */
    public <T, R> AsyncResult<R> applyAsync(PicklableFunction<T, R> function, T argument) {
        return applyAsync(function, argument, null, null);
    }

    /**
     * {@code pool.apply_async(fn, (arg,), callback=..., error_callback=...)}. The callbacks run on
     * the results thread of the worker that ran the task.
     */
    public <T, R> AsyncResult<R> applyAsync(PicklableFunction<T, R> function, T argument,
                                            Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
        Chunk chunk = submit(function, java.util.Collections.singletonList(argument), 1).getFirst(); // None is an argument too
        @SuppressWarnings("unchecked")
        var result = new AsyncResult<R>(chunk.result.thenApply(list -> (R) list.getFirst()), this, List.of(chunk));
        return withCallbacks(result, callback, errorCallback);
    }

    /** Runs {@code callback} or {@code errorCallback} (either may be null) when {@code result} is done. */
    private static <R> AsyncResult<R> withCallbacks(AsyncResult<R> result, Consumer<? super R> callback,
                                                    Consumer<? super Throwable> errorCallback) {
        if (callback != null || errorCallback != null) {
            result.future().whenComplete((value, failure) -> {
                if (failure == null && callback != null) {
                    callback.accept(value);
                } else if (failure != null && errorCallback != null) {
                    errorCallback.accept(Waiting.cause(failure));
                }
            });
        }
        return result;
    }

    /** CPython's default: {@code ceil(n / (4 × processes))}, at least 1. */
    public int defaultChunksize(int tasks) {
        int chunks = 4 * options.processes();
        return Math.max(1, (tasks + chunks - 1) / chunks);
    }

    @SuppressWarnings("unchecked")
    private <T, R> List<Chunk> submit(PicklableFunction<T, R> function, List<T> items, int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
        }
        workers.checkRunning(); // early, before the pickling checks; enqueue checks again, atomically
        long functionId = checkedFunctionId(function);
        Pickle.Checker checker = CHECKERS.get();
        for (int i = 0; i < items.size(); i++) {
            checker.check(items.get(i), "item " + i);
        }
        var chunks = new ArrayList<Chunk>();
        for (int first = 0; first < items.size(); first += chunksize) {
            List<Object> slice = new ArrayList<>(items.subList(first, Math.min(items.size(), first + chunksize)));
            chunks.add(new Chunk(ids.incrementAndGet(), functionId, (PicklableFunction<Object, Object>) function,
                    slice, first, options.retries()));
        }
        workers.enqueue(chunks);
        return chunks;
    }

    /** The last function checked at submit, and its id: a loop of applyAsync(sameFunction, x) checks it once. */
    private record Checked(Object function, long id) {
    }

    private volatile Checked lastChecked = new Checked(null, 0);

    /** One checker per submitting thread: its stream remembers the classes it has described. */
    private static final ThreadLocal<Pickle.Checker> CHECKERS = ThreadLocal.withInitial(Pickle.Checker::new);

    /** Checks that {@code function} pickles (a {@link PicklingError} if not) and gives it an id for the workers. */
    private long checkedFunctionId(Object function) {
        Checked last = lastChecked;
        if (last.function() == function) {
            return last.id();
        }
        Pickle.dumps(function);
        long id = ids.incrementAndGet();
        lastChecked = new Checked(function, id);
        return id;
    }

    /** Cancels {@code chunk} if no worker has taken it yet (see {@link Workers#cancel}). */
    boolean cancel(Chunk chunk) {
        return workers.cancel(chunk);
    }

    @SuppressWarnings("unchecked")
    private <R> Iterator<R> results(Iterator<Chunk> chunks) {
        return new Iterator<>() {
            private Iterator<Object> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && chunks.hasNext()) {
                    try {
                        current = chunks.next().result.get().iterator();
                    } catch (java.util.concurrent.ExecutionException | CancellationException e) {
                        throw Waiting.rethrowable(e);
                    } catch (InterruptedException e) {
                        throw Waiting.interrupted("the next result (the tasks go on in the pool)");
                    }
                }
                return current.hasNext();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return (R) current.next();
            }
        };
    }

    // ---- shutting down ----------------------------------------------------------------------

    /**
     * Python's {@code pool.close(); pool.join()}: accepts no more tasks, waits for the submitted
     * ones, then lets every worker exit and waits for it. (Python's {@code with Pool()} block
     * calls {@code terminate()} instead; call {@link #terminate()} for that.) Interrupted while it
     * waits, it terminates the pool.
     */
    @Override
    public void close() {
        workers.close();
    }

    /** Python's {@code pool.terminate()}: kills the workers now; unfinished tasks are cancelled. */
    public void terminate() {
        workers.terminate();
    }
}
