package dev.rosetta.ray;

import dev.rosetta.joblib.FunctionNames;
import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pickle;
import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.trace.ChromeTrace;
import dev.rosetta.trace.Tracer;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Ray's core API on a local cluster: {@code ray.init()}, remote functions, {@code ray.get},
 * {@code ray.wait}, {@code ray.put}, actors, {@code ray.kill}, {@code ray.timeline()} and
 * {@code ray.shutdown()}.
 *
 * <pre>{@code
 * try (Ray ray = Ray.init(2)) {                                    // ray.init(num_cpus=2)
 *     var square = ray.remote((Integer x) -> x * x);               // @ray.remote def square(x): ...
 *     List<ObjectRef<Integer>> refs = new ArrayList<>();
 *     for (int i = 0; i < 4; i++) {
 *         refs.add(square.remote(i));                              // square.remote(i): a ref, at once
 *     }
 *     ray.get(refs);                                               // ray.get(refs) -> [0, 1, 4, 9]
 * }                                                                // ray.shutdown()
 * }</pre>
 *
 * <p><b>The one idea.</b> A call returns a ref at once and the work happens elsewhere; you
 * decide when to wait. Submit everything first and get once, and the workers run in parallel;
 * {@code get} right after each {@code remote} and you wait a round trip per task, one at a time.
 *
 * <p><b>The cluster.</b> {@code init} starts {@code numWorkers} worker JVMs for tasks (a
 * {@code multiprocessing} {@link Pool}, fed over pipes); every actor gets a worker JVM of its
 * own. The object store is this driver's memory: a task's result comes back here, and a ref
 * passed to another task sends its value along with that task. Nothing listens on a network
 * port: the workers talk to the driver over their standard input and output only.
 *
 * <p><b>Faults.</b> A task whose worker dies is run again, up to {@code maxRetries} times
 * (default 3, as Ray), then fails with {@link WorkerCrashedError}; a task that raises is run
 * again only if it opted in ({@link RemoteFunction#retryExceptions}). An actor whose worker dies
 * is restarted up to its {@code maxRestarts} (default 0): its constructor runs again in a fresh
 * worker; the call that was running fails with {@link ActorDiedError}.
 *
 * <p><b>Elsewhere.</b> {@link #init(RayRuntime.Factory)} runs the same program on another
 * {@link RayRuntime} (Hazelcast's, in the distributed module): every call below then goes to it.
 *
 * <p><b>Left out.</b> Resources ({@code num_cpus} per task), named actors, worker-to-worker
 * transfer of objects, lineage reconstruction and a shared-memory store for large objects.
 *
 * <p>Thread-safety: every method may be called from any thread. Callbacks inside run on the
 * pool's results threads; none of them blocks.
 */
public final class Ray implements AutoCloseable {

    /**
     * How to start a cluster; begin with {@link #workers(int)}.
     *
     * @param numWorkers     worker JVMs for tasks, at least 1 (actors get their own)
     * @param timeline       record a span per task and call, for {@link #timeline(Path)}
     * @param allow          extra allow-list patterns for values read back ({@link Pickle#allowList})
     */
    public record Options(int numWorkers, boolean timeline, List<String> allow) {
        /** Checks the values. */
        public Options {
            if (numWorkers < 1) {
                throw new IllegalArgumentException("numWorkers must be at least 1, was " + numWorkers);
            }
            allow = List.copyOf(allow);
        }

        /** A cluster of {@code numWorkers} task workers, no timeline. */
        public static Options workers(int numWorkers) {
            return new Options(numWorkers, false, List.of());
        }

        /** The same, recording a timeline of every task and actor call. */
        public Options recordTimeline() {
            return new Options(numWorkers, true, allow);
        }

        /** The same, also reading values of classes that match {@code patterns} ({@code "com.example.**"}). */
        public Options allow(String... patterns) {
            var all = new ArrayList<>(allow);
            all.addAll(List.of(patterns));
            return new Options(numWorkers, timeline, all);
        }
    }

    /** What {@link #wait} returns: Ray's {@code (ready, not_ready)}, each in the order of the input. */
    public record WaitResult<T>(List<ObjectRef<T>> ready, List<ObjectRef<T>> notReady) {
    }

    private static final AtomicLong CLUSTERS = new AtomicLong();

    private final long cluster = CLUSTERS.incrementAndGet();
    private final Options options;
    private final Pool tasks;
    /** The runtime chosen at init; null: the local cluster of this class. */
    private final RayRuntime runtime;
    private final ObjectInputFilter filter;
    private final Tracer tracer;
    private final AtomicLong refIds = new AtomicLong();
    private final AtomicLong actorIds = new AtomicLong();
    private final List<ActorHandle<?>> actors = new CopyOnWriteArrayList<>();
    private volatile boolean shutDown;

    private Ray(Options options) {
        this.options = options;
        this.filter = Pickle.allowList(options.allow());
        this.tasks = new Pool(poolOptions(options.numWorkers()));
        this.tracer = options.timeline() ? Tracer.record() : null;
        this.runtime = null;
    }

    private Ray(RayRuntime.Factory factory) throws Exception {
        this.options = Options.workers(1);
        this.filter = Pickle.allowList(options.allow());
        this.tasks = null;
        this.tracer = null;
        this.runtime = factory.start(this);
    }

    /** {@code ray.init()}: a local cluster with a task worker per processor. */
    public static Ray init() {
        return init(Runtime.getRuntime().availableProcessors());
    }

    /** {@code ray.init(num_cpus=n)}: a local cluster of {@code numWorkers} task workers; returns when they are ready. */
    public static Ray init(int numWorkers) {
        return init(Options.workers(numWorkers));
    }

    /** A local cluster built from {@code options}; returns when its workers are ready. */
    public static Ray init(Options options) {
        return new Ray(options);
    }

    /**
     * {@code ray.init(address=...)}: the same API on the runtime {@code factory} starts, e.g.
     * {@code Ray.init(HazelcastRuntime.members(2))}; returns when it is ready.
     *
     * @throws IllegalStateException the runtime could not start (the cause says why)
     */
    public static Ray init(RayRuntime.Factory factory) {
        try {
            return new Ray(factory);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the Ray runtime could not start: " + e.getMessage(), e);
        }
    }

    Pool.Options poolOptions(int processes) {
        // retries are ray's own (per function, and for exceptions too), so the pool retries nothing
        return Pool.Options.processes(processes).allow(options.allow().toArray(String[]::new));
    }

    // ---- tasks ------------------------------------------------------------------------------

    /** {@code @ray.remote} on a function of no argument. */
    public <R> RemoteFunction<R> remote(PicklableCallable<R> function) {
        return remoteOf(function, 0);
    }

    /** {@code @ray.remote} on a function of one argument: {@code f.remote(x)}, {@code x} a value or a ref. */
    public <A, R> RemoteFunction<R> remote(PicklableFunction<A, R> function) {
        return remoteOf(function, 1);
    }

    /** {@code @ray.remote} on a function of two arguments: {@code f.remote(a, b)}, each a value or a ref. */
    public <A, B, R> RemoteFunction<R> remote(Pool.PicklableBiFunction<A, B, R> function) {
        return remoteOf(function, 2);
    }

    private <R> RemoteFunction<R> remoteOf(Serializable function, int arity) {
        checkOpen("ray.remote");
        Pickle.dumps(function); // an unpicklable function fails here, where it is declared
        String name = FunctionNames.of(function);
        return new RemoteFunction<>(this, name, new Body(name, function, arity, false), RemoteFunction.DEFAULT_MAX_RETRIES, false);
    }

    /** Submits one try of a task, and the next ones if it is lost or (opted in) raises. */
    <R> ObjectRef<R> submitTask(RemoteFunction<R> function, Object[] args) {
        if (runtime != null) {
            checkRefs(args);
            var call = new RayRuntime.Call(function.name(), function.body().function(), function.body().arity());
            return runtime.submit(new RayRuntime.Task(call, function.maxRetries(), function.retryExceptions()), args);
        }
        CompletableFuture<R> value = new CompletableFuture<>();
        ObjectRef<R> ref = newRef(function.name(), value);
        whenResolved(args, null, resolved -> attempt(function, Body.pack(resolved), function.maxRetries(), value), value);
        return ref;
    }

    private <R> void attempt(RemoteFunction<R> function, Object argument, int retriesLeft, CompletableFuture<R> value) {
        AsyncResult<Object> run = tasks.applyAsync(function.body(), argument);
        run.future().whenComplete((result, failure) -> {
            if (failure == null) {
                @SuppressWarnings("unchecked")
                R typed = (R) result;
                value.complete(typed);
                return;
            }
            Throwable cause = unwrap(failure);
            boolean died = cause instanceof dev.rosetta.multiprocessing.BrokenWorkerError;
            if (retriesLeft > 0 && !shutDown && (died || (function.retryExceptions() && !(cause instanceof CancellationException)))) {
                try {
                    attempt(function, argument, retriesLeft - 1, value);
                } catch (RuntimeException refused) {
                    value.completeExceptionally(refused);
                }
                return;
            }
            value.completeExceptionally(died ? new WorkerCrashedError("task " + function.name() + " lost its worker on each of "
                    + (function.maxRetries() + 1) + " tries (maxRetries=" + function.maxRetries() + "): " + cause.getMessage(), cause)
                    : cause);
        });
    }

    /**
     * Runs {@code submit} with {@code args}, every ref among them replaced by its value, once all
     * those values are there and {@code after} is done: at once (on this thread) when nothing needs
     * waiting for, otherwise on the thread that completes the last of them — no worker waits.
     * A failed dependency fails {@code value} with its error instead. Returns when the submission
     * happened (or was given up).
     */
    CompletableFuture<Void> whenResolved(Object[] args, CompletableFuture<?> after, Consumer<Object[]> submit,
                                         CompletableFuture<?> value) {
        var waitFor = new ArrayList<CompletableFuture<?>>();
        if (after != null && !after.isDone()) {
            waitFor.add(after);
        }
        for (Object arg : args) {
            if (arg instanceof ObjectRef<?> ref) {
                owned(ref, "passed to a task");
                if (!ref.future.isDone()) {
                    waitFor.add(ref.future);
                }
            }
        }
        if (waitFor.isEmpty()) {
            submitResolved(args, submit, value); // the pool checks that the arguments pickle, and throws here
            return CompletableFuture.completedFuture(null);
        }
        for (Object arg : args) {
            if (!(arg instanceof ObjectRef<?>)) {
                Pickle.dumps(arg); // refused now, at the call, not later when the dependencies are done
            }
        }
        return CompletableFuture.allOf(waitFor.toArray(CompletableFuture[]::new)).handle((ignored, failure) -> {
            try {
                submitResolved(args, submit, value);
            } catch (RuntimeException e) {
                value.completeExceptionally(e);
            }
            return null;
        });
    }

    /** Submits with every ref replaced by its value; a ref whose task failed fails {@code value} with that error. */
    private static void submitResolved(Object[] args, Consumer<Object[]> submit, CompletableFuture<?> value) {
        Object[] values = args.clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof ObjectRef<?> ref) {
                try {
                    values[i] = ref.future.join();
                } catch (CompletionException | CancellationException failed) {
                    value.completeExceptionally(unwrap(failed));
                    return;
                }
            }
        }
        submit.accept(values);
    }

    /** Checks that every ref among {@code args} belongs to this open cluster. */
    void checkRefs(Object[] args) {
        for (Object arg : args) {
            if (arg instanceof ObjectRef<?> ref) {
                owned(ref, "passed to a task");
            }
        }
    }

    <T> ObjectRef<T> newRef(String label, CompletableFuture<T> value) {
        return new ObjectRef<>(this, refIds.incrementAndGet(), label, value);
    }

    // ---- the object store -------------------------------------------------------------------

    /**
     * {@code ray.put(value)}: stores a copy of {@code value} (taken now: changing the original
     * later does not change it) and returns its ref, ready at once.
     *
     * @throws dev.rosetta.multiprocessing.PicklingError the value cannot be serialised
     */
    public <T> ObjectRef<T> put(T value) {
        checkOpen("ray.put");
        if (runtime != null) {
            return runtime.put(value);
        }
        @SuppressWarnings("unchecked")
        T copy = (T) Pickle.loads(Pickle.dumps(value), filter);
        return newRef("put", CompletableFuture.completedFuture(copy));
    }

    /**
     * {@code ray.get(ref)}: waits for the value and returns it, or throws what the task raised
     * (its own exception, the worker's trace as the cause), {@link WorkerCrashedError} or
     * {@link ActorDiedError}.
     */
    public <T> T get(ObjectRef<T> ref) {
        owned(ref, "given to ray.get");
        try {
            return valueOf(ref, ref.future.join());
        } catch (CompletionException | CancellationException e) {
            throw rethrown(e);
        }
    }

    /** The value of a ready ref: its future's own on the local cluster, the runtime's to fetch otherwise. */
    private <T> T valueOf(ObjectRef<T> ref, T ready) {
        return runtime == null ? ready : runtime.value(ref, ready);
    }

    /** {@code ray.get(refs)}: every value, in the order of {@code refs}; the first failure in that order is thrown. */
    public <T> List<T> get(List<ObjectRef<T>> refs) {
        var values = new ArrayList<T>(refs.size());
        for (ObjectRef<T> ref : refs) {
            values.add(get(ref));
        }
        return values;
    }

    /**
     * {@code ray.get(refs, timeout=...)}: as {@link #get(List)}, waiting at most {@code timeout} in all.
     *
     * @throws GetTimeoutError not every value was there in time; it says how many were
     */
    public <T> List<T> get(List<ObjectRef<T>> refs, Duration timeout) {
        refs.forEach(ref -> owned(ref, "given to ray.get"));
        long deadline = System.nanoTime() + timeout.toNanos();
        var values = new ArrayList<T>(refs.size());
        for (ObjectRef<T> ref : refs) {
            try {
                values.add(valueOf(ref, ref.future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)));
            } catch (TimeoutException e) {
                throw new GetTimeoutError((int) refs.stream().filter(ObjectRef::ready).count(), refs.size(), timeout);
            } catch (ExecutionException | CancellationException e) {
                throw rethrown(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted in ray.get");
            }
        }
        return values;
    }

    /**
     * {@code ray.wait(refs, num_returns=n, timeout=t)}: waits until {@code numReturns} of the refs
     * are ready, or {@code timeout} (null: no limit) has passed; returns at most {@code numReturns}
     * ready refs and the rest, each list in the order of {@code refs}. It never throws a task's
     * error: a failed task is "ready" too, and {@code get} raises its error.
     */
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, Duration timeout) {
        if (numReturns < 1 || numReturns > refs.size()) {
            throw new IllegalArgumentException("numReturns must be between 1 and the number of refs (" + refs.size()
                    + "), was " + numReturns + " (Python raises ValueError)");
        }
        refs.forEach(ref -> owned(ref, "given to ray.wait"));
        List<ObjectRef<T>> pending = refs.stream().filter(ref -> !ref.ready()).toList();
        int alreadyReady = refs.size() - pending.size();
        if (alreadyReady < numReturns) {
            // one permit per pending ref as it finishes (one that finished since the snapshot releases at once)
            var finished = new Semaphore(0);
            pending.forEach(ref -> ref.future.whenComplete((v, e) -> finished.release()));
            try {
                if (timeout == null) {
                    finished.acquire(numReturns - alreadyReady);
                } else {
                    finished.tryAcquire(numReturns - alreadyReady, timeout.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        var ready = new ArrayList<ObjectRef<T>>();
        var notReady = new ArrayList<ObjectRef<T>>();
        for (ObjectRef<T> ref : refs) {
            (ready.size() < numReturns && ref.ready() ? ready : notReady).add(ref);
        }
        return new WaitResult<>(ready, notReady);
    }

    /** {@code ray.wait(refs)}: the first ready ref, with no time limit. */
    public <T> WaitResult<T> wait(List<ObjectRef<T>> refs) {
        return wait(refs, 1, null);
    }

    private void owned(ObjectRef<?> ref, String how) {
        if (ref.owner != this) {
            throw new IllegalArgumentException(ref + " belongs to another Ray cluster (" + ref.owner + ") and was " + how
                    + " in " + this + ": a ref means something only in the cluster that made it. Get its value there and"
                    + " pass the value, or put it into this cluster with ray.put.");
        }
        checkOpen("a ref " + how);
    }

    private void checkOpen(String what) {
        if (shutDown) {
            throw new IllegalStateException(what + " after ray.shutdown(): " + this + " is shut down, and its objects"
                    + " and workers with it. Get the values you need before shutdown(), or init a new cluster and run the tasks again.");
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    // ---- actors -----------------------------------------------------------------------------

    /** {@code Counter.remote()}: an actor of {@code type}, made by its no-argument constructor in a worker of its own. */
    public <T> ActorHandle<T> actor(Class<T> type) {
        return actor(new NewInstance<>(type), ActorHandle.Options.named(type.getSimpleName()));
    }

    /** An actor made by {@code constructor}, run in a worker of its own: {@code Counter.remote()}. */
    public <T> ActorHandle<T> actor(PicklableCallable<T> constructor) {
        return actor(constructor, ActorHandle.Options.named("Actor" + (actorIds.get() + 1)));
    }

    /** {@code Counter.options(name=..., max_restarts=n).remote()}. */
    public <T> ActorHandle<T> actor(PicklableCallable<T> constructor, ActorHandle.Options actorOptions) {
        checkOpen("creating an actor");
        long id = actorIds.incrementAndGet();
        ActorHandle<T> actor;
        if (runtime == null) {
            actor = new ActorHandle<>(this, id, constructor, actorOptions);
        } else {
            String name = actorOptions.name() + "#" + id;
            Pickle.dumps(constructor);
            actor = new ActorHandle<>(this, name, runtime.actor(constructor, actorOptions, name));
        }
        actors.add(actor);
        return actor;
    }

    /** A class's no-argument constructor, as a picklable constructor. */
    private record NewInstance<T>(Class<T> type) implements PicklableCallable<T> {
        @Override
        public T call() throws Exception {
            return type.getDeclaredConstructor().newInstance();
        }
    }

    /** {@code ray.kill(actor)}: stops its worker now; calls not yet run fail with {@link ActorDiedError}; no restart. */
    public void kill(ActorHandle<?> actor) {
        actor.kill("it was killed with ray.kill");
    }

    // ---- the rest ---------------------------------------------------------------------------

    /** The process ids of the task workers now: for demos and tests that kill one. */
    public List<Long> workerPids() {
        return runtime == null ? tasks.workerPids() : runtime.workerPids();
    }

    /**
     * {@code ray.timeline(filename)}: writes every task and actor call recorded so far as a Chrome
     * trace (open it in https://ui.perfetto.dev), one lane per worker process.
     *
     * @throws IllegalStateException the cluster was started without {@link Options#recordTimeline()}
     *                               and no other recording is on
     */
    public void timeline(Path file) throws IOException {
        Tracer source = tracer != null ? tracer : Tracer.active();
        if (source == null) {
            throw new IllegalStateException("nothing was recorded: start the cluster with"
                    + " Ray.init(Ray.Options.workers(n).recordTimeline()) to get a timeline");
        }
        ChromeTrace.write(file, source.spans());
    }

    /**
     * {@code ray.shutdown()}: stops every worker (tasks and actors) and waits until the processes
     * are gone. Tasks still running or waiting are cancelled; afterwards every call on this
     * cluster or its refs fails with an error saying so. Calling it again does nothing.
     */
    public void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        actors.forEach(actor -> actor.kill("its cluster was shut down"));
        if (runtime == null) {
            tasks.terminate();
        } else {
            runtime.shutdown();
        }
        if (tracer != null) {
            tracer.close();
        }
    }

    /** {@link #shutdown()}, for try-with-resources. */
    @Override
    public void close() {
        shutdown();
    }

    boolean isShutDown() {
        return shutDown;
    }

    /** {@code Ray(cluster 3, 2 workers)}. */
    @Override
    public String toString() {
        return "Ray(cluster " + cluster + ", " + (runtime == null ? options.numWorkers() + " workers" : runtime.describe()) + (shutDown ? ", shut down" : "") + ")";
    }
}
