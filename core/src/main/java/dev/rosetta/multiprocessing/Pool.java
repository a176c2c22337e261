package dev.rosetta.multiprocessing;

import dev.rosetta.trace.Lane;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * a few ahead of the worker: see {@link Worker}) and a results thread (reads answers, completes futures).
 * <em>Callbacks of {@link #applyAsync} run on a results thread</em>, as in Python: keep them short.
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
     */
    public record Options(int processes, PicklableRunnable initializer, int maxTasksPerChild, int retries,
                          List<String> allow, List<String> jvmOptions, List<Path> classPath) {
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
            return new Options(processes, null, 0, 0, List.of(), List.of(), List.of());
        }

        public Options initializer(PicklableRunnable code) {
            return new Options(processes, code, maxTasksPerChild, retries, allow, jvmOptions, classPath);
        }

        public Options maxTasksPerChild(int chunks) {
            return new Options(processes, initializer, chunks, retries, allow, jvmOptions, classPath);
        }

        public Options retries(int times) {
            return new Options(processes, initializer, maxTasksPerChild, times, allow, jvmOptions, classPath);
        }

        public Options allow(String... patterns) {
            var all = new ArrayList<>(allow);
            all.addAll(List.of(patterns));
            return new Options(processes, initializer, maxTasksPerChild, retries, all, jvmOptions, classPath);
        }

        public Options jvmOptions(String... options) {
            return new Options(processes, initializer, maxTasksPerChild, retries, allow, List.of(options), classPath);
        }

        public Options classPath(List<Path> entries) {
            return new Options(processes, initializer, maxTasksPerChild, retries, allow, jvmOptions, entries);
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

    private enum State { RUNNING, CLOSED, TERMINATED }

    private final Options options;
    private final List<String> command;
    private final ObjectInputFilter filter;
    /** The creating thread's context class loader, for reading results (see Worker). */
    private final ClassLoader loader = Thread.currentThread().getContextClassLoader();
    private final LinkedBlockingDeque<Chunk> pending = new LinkedBlockingDeque<>();
    /** Workers serving the queue. */
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    /** Every worker process started and not yet ended, serving or still starting. */
    private final List<Worker> started = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger workerNumbers = new AtomicInteger();
    private final AtomicInteger replaced = new AtomicInteger();
    private final Object outstandingLock = new Object();
    // @GuardedBy("outstandingLock") — chunks submitted and not yet completed
    private int outstanding;
    // @GuardedBy("outstandingLock") — replacement workers being started right now
    private int replacing;
    private volatile State state = State.RUNNING;

    /** A pool of {@code processes} worker processes: {@code Pool(processes)}. */
    public Pool(int processes) {
        this(Options.processes(processes));
    }

    /** A pool built from {@code options}; returns when every worker is ready for work. */
    public Pool(Options options) {
        this.options = options;
        this.filter = Pickle.allowList(options.allow());
        this.command = WorkerCommand.of(options);
        if (options.initializer() != null) {
            Pickle.dumps(options.initializer());
        }
        var starting = new ArrayList<Worker>();
        try {
            for (int i = 0; i < options.processes(); i++) {
                starting.add(Worker.spawn(workerNumbers.incrementAndGet(), command, filter, loader));
            }
            started.addAll(starting);
            for (Worker w : starting) {
                w.handshake(options.initializer());
                begin(w);
            }
        } catch (IOException e) {
            starting.forEach(w -> w.process.destroyForcibly());
            throw new IllegalStateException("could not start the worker processes: " + e.getMessage(), e);
        }
    }

    /** How many worker processes are running now. */
    public int processes() {
        return workers.size();
    }

    /** The process ids of the current workers. */
    public List<Long> workerPids() {
        return workers.stream().map(w -> w.process.pid()).toList();
    }

    /** The pid of a worker holding a task now, or 0; for tests that kill a busy worker. */
    long busyWorkerPid() {
        return workers.stream().filter(w -> !w.inFlight.isEmpty()).mapToLong(w -> w.process.pid()).findFirst().orElse(0);
    }

    /** How many workers were started to replace ones that died or retired. */
    public int workersReplaced() {
        return replaced.get();
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
            CompletableFuture.allOf(chunks.stream().map(c -> c.result).toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException | CancellationException failedSomewhere) {
            // the first failure in order is thrown below
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
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for results");
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
                    errorCallback.accept(unwrap(failure));
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
        if (state != State.RUNNING) {
            throw new IllegalStateException("Pool not running: it was " + state.name().toLowerCase(java.util.Locale.ROOT)
                    + "; submit before close(), or create a new Pool");
        }
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
        synchronized (outstandingLock) {
            outstanding += chunks.size();
        }
        pending.addAll(chunks);
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

    /**
     * Cancels {@code chunk} if no worker has taken it yet (Python's {@code Future.cancel()}):
     * true if it is cancelled now or was before, false once a worker has it or it is done.
     */
    boolean cancel(Chunk chunk) {
        if (chunk.cancel()) {
            // it stays in the queue until a dispatcher polls it and skips it: no O(n) removal
            chunk.result.cancel(false);
            done(1);
            return true;
        }
        return chunk.result.isCancelled();
    }

    @SuppressWarnings("unchecked")
    private <R> Iterator<R> results(Iterator<Chunk> chunks) {
        return new Iterator<>() {
            private Iterator<Object> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && chunks.hasNext()) {
                    try {
                        current = chunks.next().result.join().iterator();
                    } catch (CompletionException | CancellationException e) {
                        throw unwrap(e);
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

    static RuntimeException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    // ---- the workers' threads ---------------------------------------------------------------

    private void begin(Worker worker) {
        workers.add(worker);
        worker.dispatcher = Thread.ofPlatform().daemon(true).name("pool-worker-" + worker.number + "-dispatch")
                .start(() -> dispatch(worker));
        Thread.ofPlatform().daemon(true).name("pool-worker-" + worker.number + "-results").start(() -> collect(worker));
    }

    /** Feeds one worker from the shared queue, as far ahead as its window allows. */
    private void dispatch(Worker worker) {
        int sent = 0;
        try {
            while (!worker.retiring && state != State.TERMINATED) {
                if (!worker.hasRoom()) {
                    worker.flush();
                    worker.awaitRoom();
                }
                Chunk chunk = pending.poll();
                if (chunk == null) {
                    worker.flush();
                    chunk = pending.poll(100, TimeUnit.MILLISECONDS);
                    if (chunk == null) {
                        continue;
                    }
                }
                if (!chunk.claim()) {
                    continue; // cancelled while it waited
                }
                if (!worker.process.isAlive()) {
                    chunk.requeue();
                    pending.addFirst(chunk);
                    return;
                }
                worker.inFlight.put(chunk.id, chunk);
                chunk.sentAt = System.nanoTime();
                chunk.sharedWith = worker.inFlight.size();
                try {
                    worker.sendJob(chunk, pending.isEmpty() || !worker.hasRoom());
                } catch (java.io.NotSerializableException e) {
                    // checked at submit, yet it failed now (it changed since?): the half-written
                    // frame leaves the pipe unreadable, so this worker is given up and replaced
                    finish(worker, chunk.id, null, new PicklingError("cannot send " + chunk.describe() + " to a worker: its"
                            + " argument holds a " + e.getMessage() + ", which is not Serializable", e));
                    worker.stoppedBecause("its pipe was broken by a half-written argument");
                    worker.process.destroyForcibly();
                    return;
                }
                if (options.maxTasksPerChild() > 0 && ++sent >= options.maxTasksPerChild()) {
                    worker.retiring = true;
                }
            }
            worker.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the pipe broke: the results thread sees the death and deals with the chunks
        }
        retireIfIdle(worker);
    }

    /** Reads one worker's answers until its pipe closes. */
    private void collect(Worker worker) {
        try {
            while (true) {
                switch (worker.read()) {
                    case null -> { }
                    case Message.Done done -> {
                        traced(worker, done.spans());
                        finish(worker, done.id(), done.results(), null);
                    }
                    case Message.Failed failed -> finish(worker, failed.id(), null, RemoteError.reRaised(failed.exception(),
                            failed.type(), describeFailure(worker, failed), failed.trace(), filter));
                    default -> { }
                }
            }
        } catch (EOFException | java.io.StreamCorruptedException ended) {
            ended(worker);
        } catch (IOException | ClassNotFoundException | PicklingError e) {
            worker.stoppedBecause("the pool could not read its answer: " + e.getMessage());
            worker.process.destroyForcibly();
            ended(worker);
        }
    }

    /** A worker's spans go into the parent's trace, on lanes named after the worker ("worker-1 (pid 1234)"). */
    private static void traced(Worker worker, List<String> spans) {
        Tracer tracer = Tracer.active();
        if (tracer == null || spans.isEmpty()) {
            return;
        }
        for (String line : spans) {
            Span span = Span.decode(line);
            tracer.record(span.onLane(new Lane(worker.traceLabel(), span.lane().thread())));
        }
    }

    private String describeFailure(Worker worker, Message.Failed failed) {
        Chunk chunk = worker.inFlight.get(failed.id());
        int index = chunk == null ? failed.index() : chunk.first + failed.index();
        return "task " + index + " raised " + failed.type() + ": " + failed.message() + " (in " + worker + ")";
    }

    private void finish(Worker worker, long id, List<Object> results, RuntimeException failure) {
        Chunk chunk = worker.inFlight.remove(id);
        if (chunk != null) {
            worker.finished(System.nanoTime() - chunk.sentAt, chunk.sharedWith);
            if (failure == null) {
                chunk.result.complete(results);
            } else {
                chunk.result.completeExceptionally(failure);
            }
            done(1);
        }
        retireIfIdle(worker);
    }

    private void retireIfIdle(Worker worker) {
        if (worker.retiring && worker.inFlight.isEmpty()) {
            try {
                worker.send(new Message.Stop());
            } catch (IOException alreadyGone) {
                // it is ending anyway
            }
        }
    }

    /** A worker's pipe closed: it retired, was stopped, or died holding work. */
    private void ended(Worker worker) {
        workers.remove(worker);
        started.remove(worker);
        worker.retiring = true;
        worker.dispatcher.interrupt();
        List<Chunk> lost = new ArrayList<>(worker.inFlight.values());
        worker.inFlight.clear();
        if (!lost.isEmpty()) {
            String how = worker.howItEnded();
            for (Chunk chunk : lost) {
                if (chunk.attemptsLeft > 0 && state != State.TERMINATED) {
                    chunk.attemptsLeft--;
                    chunk.requeue();
                    pending.addFirst(chunk);
                } else {
                    chunk.result.completeExceptionally(new BrokenWorkerError(worker + " died (" + how + ") while it held "
                            + chunk.describe() + "; the pool started a replacement and the other tasks go on."
                            + (options.retries() == 0 ? " Pool.Options.retries(n) runs such tasks again." : ""),
                            worker.process.pid()));
                    done(1);
                }
            }
        }
        boolean workLeft = !pending.isEmpty() || outstanding() > 0;
        if (state == State.RUNNING || (state == State.CLOSED && workLeft)) {
            replace();
        }
    }

    private void replace() {
        synchronized (outstandingLock) {
            if (state == State.TERMINATED) {
                return;
            }
            replacing++;
        }
        try {
            Worker fresh = Worker.spawn(workerNumbers.incrementAndGet(), command, filter, loader);
            started.add(fresh);
            fresh.handshake(options.initializer());
            replaced.incrementAndGet();
            begin(fresh);
        } catch (IOException e) {
            System.err.println("multiprocessing: could not start a replacement worker: " + e.getMessage());
        } finally {
            synchronized (outstandingLock) {
                replacing--;
                outstandingLock.notifyAll();
            }
        }
    }

    private void done(int chunks) {
        synchronized (outstandingLock) {
            outstanding -= chunks;
            outstandingLock.notifyAll();
        }
    }

    private int outstanding() {
        synchronized (outstandingLock) {
            return outstanding;
        }
    }

    // ---- shutting down ----------------------------------------------------------------------

    /**
     * Python's {@code pool.close(); pool.join()}: accepts no more tasks, waits for the submitted
     * ones, then lets every worker exit and waits for it. (Python's {@code with Pool()} block
     * calls {@code terminate()} instead; call {@link #terminate()} for that.)
     */
    @Override
    public void close() {
        if (state == State.TERMINATED) {
            return;
        }
        state = State.CLOSED;
        try {
            synchronized (outstandingLock) {
                while (outstanding > 0 || replacing > 0) {
                    outstandingLock.wait();
                }
            }
            stopWorkers(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            terminate();
        }
    }

    /** Python's {@code pool.terminate()}: kills the workers now; unfinished tasks are cancelled. */
    public void terminate() {
        synchronized (outstandingLock) {
            state = State.TERMINATED;
            while (replacing > 0) {
                try {
                    outstandingLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (Chunk chunk : pending) {
            chunk.result.completeExceptionally(new CancellationException("the pool was terminated before "
                    + chunk.describe() + " ran"));
        }
        pending.clear();
        stopWorkers(true);
        for (Worker w : List.copyOf(workers)) {
            w.inFlight.values().forEach(c -> c.result.completeExceptionally(
                    new CancellationException("the pool was terminated while " + c.describe() + " ran")));
        }
        synchronized (outstandingLock) {
            outstanding = 0;
            outstandingLock.notifyAll();
        }
    }

    private void stopWorkers(boolean kill) {
        List<Worker> stopping = List.copyOf(started);
        for (Worker w : stopping) {
            w.retiring = true;
            if (kill) {
                w.process.destroyForcibly();
            } else {
                retireIfIdle(w);
            }
        }
        for (Worker w : stopping) {
            try {
                if (!w.process.waitFor(10, TimeUnit.SECONDS)) {
                    w.process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                w.process.destroyForcibly();
            }
        }
    }
}
