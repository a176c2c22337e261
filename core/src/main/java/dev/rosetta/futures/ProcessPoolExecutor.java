package dev.rosetta.futures;

import dev.rosetta.common.Waiting;
import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.PicklingError;
import dev.rosetta.multiprocessing.Pool;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code concurrent.futures.ProcessPoolExecutor}, and a real
 * {@link java.util.concurrent.ExecutorService}: tasks run in worker processes of a
 * multiprocessing {@link Pool}.
 *
 * <pre>{@code
 * try (var pool = new ProcessPoolExecutor(2)) {                     // with ProcessPoolExecutor(2) as pool:
 *     var f = pool.submit(() -> fib(30));                           //     f = pool.submit(fib, 30)
 *     System.out.println(f.join());                                 //     print(f.result())
 *     pool.map(Work::square, numbers, null, 500).forEachRemaining(System.out::println);
 * }
 * }</pre>
 *
 * <p><b>Everything sent must pickle.</b> Tasks are {@link PicklableCallable}s: a lambda passed to
 * {@link #submit(PicklableCallable)} on a variable of this type is serialisable. The same lambda
 * passed as a plain {@code Callable} (through a variable typed {@code ExecutorService}, or by
 * {@code ExecutorCompletionService}, which wraps it in a {@code FutureTask}) is not, and is
 * refused at submit with a {@link PicklingError} that says so. The check runs at submit, in the
 * caller's thread, so a bad task never reaches a worker.
 *
 * <p><b>Faults, as in Python.</b> A task that raises fails its future with its own exception when
 * that can cross (unchecked, serialisable, on the allow-list), its cause a
 * {@link dev.rosetta.multiprocessing.RemoteError} carrying the worker's stack trace — CPython's
 * {@code RemoteTraceback} — and with that RemoteError alone when it cannot. A worker that
 * dies breaks the executor ({@link BrokenProcessPool}): the task it held, every pending task and
 * every later submit fail, and the other workers are stopped.
 *
 * <p><b>Cancel, as in Python.</b> {@link ProcessFuture#cancel} succeeds only while no worker has
 * taken the task: a computation in another process cannot be stopped half-way.
 *
 * <p><b>Threads.</b> Futures complete, and their callbacks run, on the pool's results threads
 * (one per worker), or on the thread that cancels them: keep callbacks short, or give them an
 * executor ({@code whenCompleteAsync(fn, executor)}). {@link #shutdown()} returns at once; a
 * short-lived "process-pool-closer" thread waits for the tasks and stops the workers.
 *
 * <p><b>Seeing it.</b> While {@link dev.rosetta.trace.Tracer#record() tracing} is on, each task
 * records its submit, its run (the worker's "chunk" span, on the worker's lane) and its done.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class ProcessPoolExecutor extends AbstractExecutorService {
    /** The worker-side function of {@link #submit}: call the task that came as the argument. */
    private static final PicklableFunction<Object, Object> CALL = task -> ((PicklableCallable<?>) task).call();

    private final Pool pool;
    /** Tasks submitted and not yet finished, for {@code cancelPending} and {@code shutdownNow}. */
    private final Set<ProcessFuture<?>> unfinished = ConcurrentHashMap.newKeySet();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    // @GuardedBy("lifecycle") for writes; read without it
    private volatile boolean shutdown;
    // @GuardedBy("lifecycle") for writes; set once, when a worker dies
    private volatile BrokenProcessPool broken;

    /** {@code ProcessPoolExecutor(max_workers)}: that many worker processes, ready when this returns. */
    public ProcessPoolExecutor(int maxWorkers) {
        this(Pool.Options.processes(maxWorkers));
    }

    /**
     * An executor over a pool built from {@code options}: {@code maxTasksPerChild} is Python's
     * {@code max_tasks_per_child}, {@code initializer} its {@code initializer}. Retries are refused:
     * a Python executor never re-runs a task.
     */
    public ProcessPoolExecutor(Pool.Options options) {
        if (options.retries() != 0) {
            throw new IllegalArgumentException("a ProcessPoolExecutor does not retry tasks (retries was "
                    + options.retries() + "): a dead worker breaks it, as in Python. Use a multiprocessing Pool"
                    + " with Options.retries(n) to have lost tasks run again");
        }
        this.pool = new Pool(options);
    }

    /** Python's default {@code max_workers}: the number of CPUs. */
    public static int defaultMaxWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The process ids of the current workers. */
    public List<Long> workerPids() {
        return pool.workerPids();
    }

    // ---- submitting -------------------------------------------------------------------------

    /**
     * {@code executor.submit(fn)}: runs {@code task} in a worker process.
     *
     * @throws PicklingError              the task, or something it captures, cannot be serialised
     * @throws RejectedExecutionException after {@link #shutdown()}
     * @throws BrokenProcessPool          a worker died earlier
     */
    public <T> ProcessFuture<T> submit(PicklableCallable<T> task) {
        // the pool checks that the task pickles, as it checks every argument, before it is queued
        var future = new ProcessFuture<T>(CALL, task);
        dispatch(future);
        return future;
    }

    /**
     * {@code executor.submit(fn, arg)}: runs {@code function(argument)} in a worker process. The
     * pool sends a function to each worker once and then only its arguments, so a loop that
     * submits the same function object many times sends little more than the arguments.
     *
     * @throws PicklingError              the function or the argument cannot be serialised
     * @throws RejectedExecutionException after {@link #shutdown()}
     * @throws BrokenProcessPool          a worker died earlier
     */
    @SuppressWarnings("unchecked")
    public <T, R> ProcessFuture<R> submit(PicklableFunction<T, R> function, T argument) {
        var future = new ProcessFuture<R>((PicklableFunction<Object, Object>) (PicklableFunction<?, ?>) function, argument);
        dispatch(future);
        return future;
    }

    /** As {@link #submit(PicklableCallable)}; refuses a {@code task} that is not serialisable. */
    @Override
    public <T> ProcessFuture<T> submit(Callable<T> task) {
        return submit(picklable(task));
    }

    /** Runs a serialisable {@code task} in a worker; its future completes with null. */
    @Override
    public ProcessFuture<?> submit(Runnable task) {
        return submit(task, null);
    }

    /** Runs a serialisable {@code task} in a worker; its future completes with {@code result}. */
    @Override
    public <T> ProcessFuture<T> submit(Runnable task, T result) {
        return submit(picklable(task, result));
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new ProcessFuture<>(CALL, picklable(callable));
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return newTaskFor(picklable(runnable, value));
    }

    /** Runs {@code command} in a worker: a future of this executor, or a serialisable Runnable. */
    @Override
    public void execute(Runnable command) {
        if (command instanceof ProcessFuture<?> future && future.owner() == this) {
            dispatch(future);
        } else {
            submit(command);
        }
    }

    /**
     * {@code executor.map(fn, items)}: {@code fn} of every item in the workers, results in order,
     * one task per item (Python's default {@code chunksize=1}).
     */
    public <T, R> Futures.Results<R> map(PicklableFunction<T, R> fn, Iterable<T> items) {
        return map(fn, items, null, 1);
    }

    /**
     * {@code executor.map(fn, items, timeout=..., chunksize=n)}: as Python, the items are cut into
     * chunks of {@code chunksize}, each chunk one task (one round trip for n items), and the
     * results come back in order. {@code next()} throws {@link FuturesTimeout} if a result is not
     * in when {@code timeout} (from this call; null: no limit) has passed; the tasks not yet taken
     * are then cancelled.
     *
     * @throws IllegalArgumentException {@code chunksize} is below 1
     * @throws PicklingError            {@code fn} or an item cannot be serialised (at submit)
     */
    public <T, R> Futures.Results<R> map(PicklableFunction<T, R> fn, Iterable<T> items, Duration timeout,
                                         int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, was " + chunksize);
        }
        PicklableFunction<List<T>, List<R>> eachOfChunk = chunk -> applyEach(fn, chunk);
        @SuppressWarnings("unchecked")
        var function = (PicklableFunction<Object, Object>) (PicklableFunction<?, ?>) eachOfChunk;
        return Futures.mapChunks(chunk -> {
            var future = new ProcessFuture<List<R>>(function, chunk);
            dispatch(future);
            return future;
        }, chunks(items.iterator(), chunksize), timeout, 0);
    }

    private static <T, R> List<R> applyEach(PicklableFunction<T, R> fn, List<T> chunk) throws Exception {
        var results = new ArrayList<R>(chunk.size());
        for (T item : chunk) {
            results.add(fn.apply(item));
        }
        return results;
    }

    /** The items in lists of {@code size}, each item checked to be serialisable on the way. */
    private static <T> Iterator<ArrayList<T>> chunks(Iterator<T> items, int size) {
        return new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public ArrayList<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                var chunk = new ArrayList<T>(size);
                while (items.hasNext() && chunk.size() < size) {
                    T item = items.next();
                    if (item != null && !(item instanceof Serializable)) {
                        throw new PicklingError("cannot send item " + index + " (a " + item.getClass().getName()
                                + ") to another process: it is not Serializable", null);
                    }
                    chunk.add(item);
                    index++;
                }
                return chunk;
            }
        };
    }

    private static <T> PicklableCallable<T> picklable(Callable<T> task) {
        if (task instanceof PicklableCallable<T> ready) {
            return ready;
        }
        if (task instanceof Serializable) {
            return task::call;
        }
        throw new PicklingError("cannot send a " + task.getClass().getName() + " to a worker process: it is a plain"
                + " Callable, not Serializable. A lambda is serialisable only when its target type is: call submit on"
                + " a variable of type ProcessPoolExecutor (its submit takes a PicklableCallable), or cast the lambda"
                + " with (Callable<T> & Serializable). ExecutorCompletionService wraps tasks in a FutureTask, which can"
                + " never be sent: use Futures.asCompleted over the futures instead.", null);
    }

    private static <T> PicklableCallable<T> picklable(Runnable task, T result) {
        if (!(task instanceof Serializable)) {
            throw new PicklingError("cannot send a " + task.getClass().getName() + " to a worker process: it is not"
                    + " Serializable. Submit a PicklableCallable instead (a lambda on a variable of type"
                    + " ProcessPoolExecutor is one), or cast the Runnable with (Runnable & Serializable).", null);
        }
        return () -> {
            task.run();
            return result;
        };
    }

    private void dispatch(ProcessFuture<?> future) {
        synchronized (lifecycle) {
            if (broken != null) {
                throw new BrokenProcessPool(broken.getMessage(), broken.getCause());
            }
            if (shutdown) {
                throw new RejectedExecutionException("cannot schedule new futures after shutdown");
            }
            unfinished.add(future);
            future.send();
        }
    }

    /** A task's remote result is in (or it failed, or was cancelled): complete its future. */
    private void settle(ProcessFuture<?> future, Object value, Throwable failure) {
        unfinished.remove(future);
        if (failure == null) {
            future.finish(value);
            return;
        }
        Throwable cause = Waiting.cause(failure);
        if (cause instanceof BrokenWorkerError died) {
            future.completeExceptionally(breakDown(died).forTheTaskItHeld());
        } else if (cause instanceof CancellationException && broken != null) {
            future.completeExceptionally(broken);
        } else {
            future.completeExceptionally(cause);
        }
    }

    /** A worker died: the executor is broken, as in Python; stop everything, fail what is left. */
    private BrokenProcessPool breakDown(BrokenWorkerError died) {
        synchronized (lifecycle) {
            if (broken == null) {
                broken = new BrokenProcessPool("A process in the process pool was terminated abruptly while the"
                        + " future was running or pending: " + died.getMessage().replace(
                                "; the pool started a replacement and the other tasks go on.", "")
                        + " The executor is broken: every pending and later task fails.", died);
                shutdown = true;
                Thread.ofPlatform().daemon(true).name("process-pool-breaker").start(this::stopWorkersNow);
            }
            return broken;
        }
    }

    private void stopWorkersNow() {
        pool.terminate();
        for (ProcessFuture<?> f : List.copyOf(unfinished)) {
            f.completeExceptionally(broken);
        }
        terminated.countDown();
    }

    // ---- shutting down ----------------------------------------------------------------------

    /**
     * {@code shutdown(wait=False)}: accepts no new tasks; the submitted ones still run. Returns at
     * once; {@link #awaitTermination} (or {@code close()}, or
     * {@link Futures#shutdown(java.util.concurrent.ExecutorService, boolean, boolean)}) waits.
     */
    @Override
    public void shutdown() {
        synchronized (lifecycle) {
            if (shutdown) {
                return;
            }
            shutdown = true;
        }
        Thread.ofPlatform().daemon(true).name("process-pool-closer").start(() -> {
            pool.close();
            terminated.countDown();
        });
    }

    /**
     * Cancels every task no worker has taken yet ({@code cancel_futures=True}); running ones go on.
     *
     * @return the futures cancelled
     */
    public List<Future<?>> cancelPending() {
        var cancelled = new ArrayList<Future<?>>();
        for (ProcessFuture<?> f : List.copyOf(unfinished)) {
            if (f.cancel(false)) {
                cancelled.add(f);
            }
        }
        return cancelled;
    }

    /**
     * Cancels the tasks not yet taken and kills the workers now (no Python equivalent; like
     * {@code Pool.terminate()}): the running tasks' futures fail with a {@link CancellationException}.
     *
     * @return the tasks that never started
     */
    @Override
    public List<Runnable> shutdownNow() {
        synchronized (lifecycle) {
            shutdown = true;
        }
        var never = new ArrayList<Runnable>();
        cancelPending().forEach(f -> never.add((Runnable) f));
        pool.terminate();
        terminated.countDown();
        return never;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    @Override
    public String toString() {
        return "ProcessPoolExecutor(" + pool.processes() + " workers" + (broken != null ? ", broken"
                : shutdown ? ", shut down" : "") + ")";
    }

    /**
     * The future of a task sent to a worker process: a {@link CompletableFuture} with Python's
     * {@code cancel()} and {@code running()}.
     *
     * <pre>
     *   created --execute--> sent to the pool --a worker takes it--> running --> done
     *   created or sent (no worker yet) --cancel()--> cancelled
     * </pre>
     *
     * <p>Thread-safety: every method may be called from any thread.
     *
     * @param <T> the task's result
     */
    public final class ProcessFuture<T> extends CompletableFuture<T> implements RunnableFuture<T> {
        private final PicklableFunction<Object, Object> function;
        private final Object argument;
        // @GuardedBy("this") — set once, when the task goes to the pool
        private AsyncResult<Object> remote;

        private ProcessFuture(PicklableFunction<Object, Object> function, Object argument) {
            this.function = function;
            this.argument = argument;
        }

        private ProcessPoolExecutor owner() {
            return ProcessPoolExecutor.this;
        }

        /** Hands the task to the pool, unless it was cancelled first. */
        private synchronized void send() {
            if (isDone() || remote != null) {
                return;
            }
            FutureTrace.Submitted traced = FutureTrace.submitted();      // null when not tracing
            remote = pool.applyAsync(function, argument);
            remote.future().whenComplete((value, failure) -> {
                FutureTrace.done(traced);
                settle(this, value, failure);
            });
        }

        @SuppressWarnings("unchecked")
        private void finish(Object value) {
            complete((T) value);
        }

        /** Submits it (as {@code execute(this)}): {@code RunnableFuture}'s contract for an executor's own task. */
        @Override
        public void run() {
            execute(this);
        }

        /**
         * Python's {@code cancel()}: true if the task is cancelled (now or before), false once a
         * worker has taken it or it is done: a running task is never stopped.
         *
         * @param mayInterruptIfRunning ignored: another process cannot be interrupted
         */
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (this) {
                if (remote != null && !remote.cancel()) {
                    return isCancelled();
                }
            }
            unfinished.remove(this);
            return super.cancel(false) || isCancelled();
        }

        /** Python's {@code running()}: a worker has the task and it has not finished. */
        public synchronized boolean running() {
            return remote != null && remote.running();
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>();
        }
    }
}
