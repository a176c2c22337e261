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
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
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
 * own. Every process of the cluster (the driver too) is a node with a share of the object store
 * ({@link Node}): a small value travels inline with the message that carries it; a large one
 * (over 100 KiB, as Ray) stays where it was made, and a task that takes its ref fetches the bytes
 * from that process's object server itself — worker to worker, not through the driver.
 *
 * <p><b>Security.</b> Object servers listen on {@code 127.0.0.1} only, and every connection must
 * first prove it holds the cluster's secret token (an HMAC challenge, as {@code multiprocessing}'s
 * authkey); the token is made at {@code init} and reaches each worker over its standard input,
 * never on a command line. A connection without it is refused and logged. Everything read back
 * goes through the allow-list of classes ({@link Options#allow}).
 *
 * <p><b>Faults.</b> A task whose worker dies is run again, up to {@code maxRetries} times
 * (default 3, as Ray), then fails with {@link WorkerCrashedError}; a task that raises is run
 * again only if it opted in ({@link RemoteFunction#retryExceptions}). An actor whose worker dies
 * is restarted up to its {@code maxRestarts} (default 0): its constructor runs again in a fresh
 * worker; the call that was running fails with {@link ActorDiedError}.
 *
 * <p><b>Resources.</b> The cluster's {@code CPU} is its number of task workers, plus any custom
 * resources given at {@code init}; a task holds what it asks for ({@code numCpus}, 1 by default)
 * while it runs ({@link Scheduler}). A task asking for more than the cluster has waits, with a
 * warning.
 *
 * <p><b>Lineage.</b> A large value lost with the worker that kept it is rebuilt when a later
 * {@code get} or task needs it: the task that made it runs again (and, first, the tasks that made
 * its own lost arguments). A value from {@code put} or an actor call has no lineage: once lost, it
 * is gone ({@link ObjectLostError}). A large value whose ref nobody holds any more is freed from
 * the node that keeps it.
 *
 * <p><b>Elsewhere.</b> {@link #init(RayRuntime.Factory)} runs the same program on another
 * {@link RayRuntime} (Hazelcast's, in the distributed module): every call below then goes to it.
 *
 * <p><b>Left out.</b> Placement groups, nested refs (a ref inside a value), actor resources,
 * {@code max_task_retries}, spilling objects to disk, and a shared-memory store: large values
 * cross between processes over the object servers' sockets.
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
     * @param resources      custom resources of the cluster ({@code GPU}, ...); its {@code CPU} is {@code numWorkers}
     */
    public record Options(int numWorkers, boolean timeline, List<String> allow, Map<String, Double> resources) {
        /** Checks the values. */
        public Options {
            if (numWorkers < 1) {
                throw new IllegalArgumentException("numWorkers must be at least 1, was " + numWorkers);
            }
            allow = List.copyOf(allow);
            resources = Map.copyOf(resources);
            if (resources.containsKey("CPU")) {
                throw new IllegalArgumentException("a cluster's CPU is its number of workers (" + numWorkers
                        + "): give Options.workers(n) instead of a CPU resource");
            }
        }

        /** A cluster of {@code numWorkers} task workers, no timeline. */
        public static Options workers(int numWorkers) {
            return new Options(numWorkers, false, List.of(), Map.of());
        }

        /** The same, recording a timeline of every task and actor call. */
        public Options recordTimeline() {
            return new Options(numWorkers, true, allow, resources);
        }

        /** {@code ray.init(resources={"GPU": 1})}: the same, with {@code amount} of a custom resource. */
        public Options resources(String resource, double amount) {
            var more = new TreeMap<>(resources);
            more.put(resource, amount);
            return new Options(numWorkers, timeline, allow, more);
        }

        /** The same, also reading values of classes that match {@code patterns} ({@code "com.example.**"}). */
        public Options allow(String... patterns) {
            var all = new ArrayList<>(allow);
            all.addAll(List.of(patterns));
            return new Options(numWorkers, timeline, all, resources);
        }
    }

    /** What {@link #wait} returns: Ray's {@code (ready, not_ready)}, each in the order of the input. */
    public record WaitResult<T>(List<ObjectRef<T>> ready, List<ObjectRef<T>> notReady) {
    }

    private static final AtomicLong CLUSTERS = new AtomicLong();

    private final long cluster = CLUSTERS.incrementAndGet();
    private final Options options;
    /** The secret every connection to an object server of this cluster must prove it holds. */
    private final byte[] token = Challenge.newToken();
    /** The runtime chosen at init; null: the local cluster of this class. */
    private final RayRuntime runtime;
    private final ObjectInputFilter filter;
    /** The driver's share of the object store: large {@code put}s, and the client that fetches from workers. */
    private final Node node;
    private final Pool tasks;
    private final Scheduler scheduler;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Tracer tracer;
    private final AtomicLong refIds = new AtomicLong();
    private final AtomicLong actorIds = new AtomicLong();
    /** Refs whose values are kept in a node, watched so that the value is freed when the ref is dropped. */
    private final ReferenceQueue<ObjectRef<?>> dropped = new ReferenceQueue<>();
    private final Set<Kept> kept = ConcurrentHashMap.newKeySet();
    private final List<ActorHandle<?>> actors = new CopyOnWriteArrayList<>();
    /** Living named actors by name (Ray's {@code options(name=...)}); {@link #BEING_MADE} while the actor starts. */
    // @GuardedBy("named")
    private final Map<String, Object> named = new HashMap<>();
    private static final Object BEING_MADE = new Object();
    private volatile boolean shutDown;

    private Ray(Options options) {
        this.options = options;
        this.filter = Pickle.allowList(options.allow());
        this.node = new Node(cluster, token, filter);
        try {
            this.tasks = new Pool(poolOptions(options.numWorkers()));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        var total = new TreeMap<>(options.resources());
        total.put("CPU", (double) options.numWorkers());
        this.scheduler = new Scheduler(total, this::warn);
        this.tracer = options.timeline() ? Tracer.record() : null;
        this.runtime = null;
    }

    private Ray(RayRuntime.Factory factory) throws Exception {
        this.options = Options.workers(1);
        this.filter = Pickle.allowList(options.allow());
        this.tasks = null;
        this.node = null;        // the runtime keeps the objects its own way
        this.scheduler = null;   // and places the tasks: resources are the local cluster's
        this.tracer = null;
        this.runtime = factory.start(this);
    }

    private void warn(String warning) {
        warnings.add(warning);
        System.err.println("(ray) " + warning);
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
        // retries are ray's own (per function, and for exceptions too), so the pool retries nothing;
        // the initializer (and the token in it) reaches each worker over its standard input
        return Pool.Options.processes(processes).allow(options.allow().toArray(String[]::new)).initializer(join());
    }

    /** What makes a worker a node of this cluster. */
    Node.Join join() {
        return new Node.Join(cluster, token, options.allow());
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
        return new RemoteFunction<>(this, name, new Body(name, function, arity, false), RemoteFunction.DEFAULT_MAX_RETRIES, false,
                Scheduler.ONE_CPU);
    }

    /** Submits one try of a task, and the next ones if it is lost or (opted in) raises. */
    <R> ObjectRef<R> submitTask(RemoteFunction<R> function, Object[] args) {
        if (runtime != null) {
            checkRefs(args);
            var call = new RayRuntime.Call(function.name(), function.body().function(), function.body().arity());
            return runtime.submit(new RayRuntime.Task(call, function.maxRetries(), function.retryExceptions()), args);
        }
        var value = new CompletableFuture<Object>();
        ObjectRef<R> ref = newRef(function.name(), value, new ObjectRef.Lineage(function, args.clone()));
        run(function, args, function.maxRetries(), value);
        return ref;
    }

    /** Runs the task once its argument refs are ready, with {@code retriesLeft} tries after this one. */
    private void run(RemoteFunction<?> function, Object[] args, int retriesLeft, CompletableFuture<Object> value) {
        whenResolved(args, null, resolved -> attempt(function, args, Body.pack(resolved), retriesLeft, value), value);
    }

    private void attempt(RemoteFunction<?> function, Object[] args, Object argument, int retriesLeft, CompletableFuture<Object> value) {
        scheduler.admit(function.name(), function.resources(), () -> {
            try {
                start(function, args, argument, retriesLeft, value);
            } catch (RuntimeException refused) {
                scheduler.release(function.resources());
                throw refused;
            }
        }, value::completeExceptionally);
    }

    /** Hands one try to the pool, its resources reserved; frees them when it ends. */
    private void start(RemoteFunction<?> function, Object[] args, Object argument, int retriesLeft, CompletableFuture<Object> value) {
        AsyncResult<Object> run = tasks.applyAsync(function.body(), argument);
        run.future().whenComplete((result, failure) -> {
            scheduler.release(function.resources());
            if (failure == null) {
                value.complete(result);
                return;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof ObjectLostError lost && retriesLeft > 0 && !shutDown) {
                rebuildArgumentThenRun(function, args, lost, retriesLeft - 1, value);
                return;
            }
            boolean died = cause instanceof dev.rosetta.multiprocessing.BrokenWorkerError;
            if (retriesLeft > 0 && !shutDown && (died || (function.retryExceptions() && !(cause instanceof CancellationException)))) {
                try {
                    attempt(function, args, argument, retriesLeft - 1, value);
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
                if (!ref.future().isDone()) {
                    waitFor.add(ref.future());
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
                    values[i] = ref.future().join();
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

    <T> ObjectRef<T> newRef(String label, CompletableFuture<Object> value, ObjectRef.Lineage lineage) {
        freeDropped();
        var ref = new ObjectRef<T>(this, refIds.incrementAndGet(), label, value, lineage);
        keepTrackOf(ref, value);
        return ref;
    }

    // ---- freeing: Ray's reference counting, through the garbage collector --------------------

    /** A large value kept in some node, and the ref that names it; enqueued once the ref is unreachable. */
    private static final class Kept extends PhantomReference<ObjectRef<?>> {
        final Node.Stored stored;

        Kept(ObjectRef<?> ref, Node.Stored stored, ReferenceQueue<ObjectRef<?>> queue) {
            super(ref, queue);
            this.stored = stored;
        }
    }

    /** Once {@code value} turns out to be kept in a node, watch for {@code ref} to become unreachable. */
    private void keepTrackOf(ObjectRef<?> ref, CompletableFuture<Object> value) {
        value.thenAccept(held -> {
            if (held instanceof Node.Stored stored) {
                kept.add(new Kept(ref, stored, dropped));
            }
        });
    }

    /**
     * Frees, in the nodes that keep them, the large values whose refs nobody holds any more (the
     * garbage collector found them unreachable). Called whenever a ref is made, as
     * {@code WeakHashMap} expunges its stale entries: no thread of its own.
     */
    private void freeDropped() {
        for (Reference<?> gone; (gone = dropped.poll()) != null; ) {
            var value = (Kept) gone;
            kept.remove(value);
            node.free(value.stored);
        }
    }

    // ---- lineage ----------------------------------------------------------------------------

    /** An argument's value was lost on the way to the worker: rebuild that argument, then run the task again. */
    private void rebuildArgumentThenRun(RemoteFunction<?> function, Object[] args, ObjectLostError lost, int retriesLeft,
                                        CompletableFuture<Object> value) {
        try {
            for (Object arg : args) {
                if (arg instanceof ObjectRef<?> ref && lost.stored().equals(ref.future().getNow(null))) {
                    rebuild(ref, lost);
                }
            }
            run(function, args, retriesLeft, value);
        } catch (RuntimeException failed) {
            value.completeExceptionally(failed);
        }
    }

    /**
     * Ray's lineage reconstruction: the value of {@code ref} was lost with the node that kept it,
     * so the task that made it runs again (its own arguments rebuilt the same way if they are lost
     * too, when the worker reports them). Several callers that find the same loss start one
     * rebuild: the first swaps in a fresh future, the others see it and wait for it.
     *
     * @return the future of the rebuilt value
     * @throws ObjectLostError the ref has no lineage (put, actor call), or its rebuilds are used up
     */
    CompletableFuture<Object> rebuild(ObjectRef<?> ref, ObjectLostError lost) {
        if (ref.lineage == null) {
            throw new ObjectLostError(ref + " is lost and cannot be rebuilt: " + lost.getMessage() + ". Only a task's result"
                    + " has a lineage (the task that made it) to run again; a value from ray.put or an actor call does not."
                    + " Keep such values small (they then travel inline), or make them with a task.", lost.stored(), lost);
        }
        synchronized (ref) {
            if (lost.stored().equals(ref.future().getNow(null))) {
                RemoteFunction<?> function = ref.lineage.function();
                if (ref.rebuilds() >= Math.max(1, function.maxRetries())) {
                    throw new ObjectLostError(ref + " is lost again after " + ref.rebuilds() + " rebuilds (maxRetries="
                            + function.maxRetries() + "): " + lost.getMessage(), lost.stored(), lost);
                }
                checkOpen("rebuilding " + ref);
                var fresh = new CompletableFuture<Object>();
                ref.rebuilding(fresh);
                keepTrackOf(ref, fresh);
                try {
                    run(function, ref.lineage.args(), function.maxRetries(), fresh);
                } catch (RuntimeException refused) {
                    fresh.completeExceptionally(refused);
                }
            }
            return ref.future();
        }
    }

    /** The value {@code held} stands for: itself, or fetched from the node that keeps it, rebuilt if lost. */
    private <T> T valueOf(ObjectRef<T> ref, Object held) {
        if (runtime != null) {
            return runtime.value(ref, held);
        }
        Object current = held;
        while (current instanceof Node.Stored stored) {
            try {
                current = node.fetch(stored);
            } catch (ObjectLostError lost) {
                current = joined(rebuild(ref, lost));
            }
        }
        @SuppressWarnings("unchecked")
        T value = (T) current;
        return value;
    }

    private static Object joined(CompletableFuture<Object> future) {
        try {
            return future.join();
        } catch (CompletionException | CancellationException e) {
            throw rethrown(e);
        }
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
        if (value instanceof byte[] array && array.length > Node.INLINE_MAX) {
            return newRef("put", CompletableFuture.completedFuture(node.store(array.clone(), true)), null);
        }
        byte[] bytes = Pickle.dumps(value);
        Object held = bytes.length <= Node.INLINE_MAX ? Pickle.loads(bytes, filter) : node.store(bytes, false);
        return newRef("put", CompletableFuture.completedFuture(held), null);
    }

    /**
     * {@code ray.get(ref)}: waits for the value and returns it, or throws what the task raised
     * (its own exception, the worker's trace as the cause), {@link WorkerCrashedError} or
     * {@link ActorDiedError}.
     */
    public <T> T get(ObjectRef<T> ref) {
        owned(ref, "given to ray.get");
        return valueOf(ref, joined(ref.future()));
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
                values.add(valueOf(ref, ref.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)));
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
            pending.forEach(ref -> ref.future().whenComplete((v, e) -> finished.release()));
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
        String name = actorOptions.lookupName();
        if (name != null) {
            synchronized (named) {
                Object holder = named.putIfAbsent(name, BEING_MADE);
                if (holder != null) {
                    throw new IllegalArgumentException("the actor name '" + name + "' is already taken by "
                            + (holder == BEING_MADE ? "an actor being created" : holder) + " (Python raises ValueError):"
                            + " a name is unique in the cluster while its actor lives. Get that actor with"
                            + " ray.getActor(\"" + name + "\"), or choose another name.");
                }
            }
        }
        try {
            long id = actorIds.incrementAndGet();
            ActorHandle<T> actor;
            if (runtime == null) {
                actor = new ActorHandle<>(this, id, constructor, actorOptions);
            } else {
                String label = actorOptions.name() + "#" + id;
                Pickle.dumps(constructor);
                actor = new ActorHandle<>(this, label, runtime.actor(constructor, actorOptions, label));
            }
            actors.add(actor);
            if (name != null) {
                synchronized (named) {
                    named.put(name, actor);
                }
            }
            return actor;
        } catch (RuntimeException failed) {
            if (name != null) {
                synchronized (named) {
                    named.remove(name, BEING_MADE);
                }
            }
            throw failed;
        }
    }

    /**
     * {@code ray.get_actor(name)}: the living actor created with {@code withName(name)}.
     *
     * @throws IllegalArgumentException no living actor has that name (Python raises ValueError)
     */
    @SuppressWarnings("unchecked")
    public <T> ActorHandle<T> getActor(String name) {
        checkOpen("ray.getActor");
        synchronized (named) {
            if (named.get(name) instanceof ActorHandle<?> actor) {
                return (ActorHandle<T>) actor;
            }
            throw new IllegalArgumentException("Failed to look up actor with name '" + name + "' (Python raises ValueError):"
                    + " no living actor has it" + (named.isEmpty() ? "" : "; living named actors: " + new TreeMap<>(named).keySet())
                    + ". A name is given with ActorHandle.Options.withName(...) and freed when its actor dies or is killed.");
        }
    }

    /** An actor died for good (killed, restarts used up): its name is free again. */
    void actorDied(ActorHandle<?> actor) {
        synchronized (named) {
            named.values().remove(actor);
        }
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

    /**
     * Where the value of {@code ref} is kept: Ray's {@code ray.experimental.get_object_locations}.
     * Waits for the value; empty when it is small and travels inline.
     */
    public Optional<ObjectLocation> objectLocation(ObjectRef<?> ref) {
        owned(ref, "given to objectLocation");
        return joined(ref.future()) instanceof Node.Stored s
                ? Optional.of(new ObjectLocation("127.0.0.1", s.port(), s.pid(), s.size())) : Optional.empty();
    }

    /** The port of the driver's own object server (on 127.0.0.1), where large {@code put}s are kept. */
    public int objectServerPort() {
        local("objectServerPort()");
        return node.port();
    }

    /** How many connections the driver's object server refused because they did not prove they hold the cluster's token. */
    public int refusedConnections() {
        local("refusedConnections()");
        return node.refused();
    }

    /** How many large values the driver's own store keeps now. */
    int objectsKeptByDriver() {
        return node.objectsKept();
    }

    /** How many bytes the driver fetched from workers' object servers (what {@code get} of large values costs it). */
    long bytesFetchedByDriver() {
        return node.bytesFetched();
    }

    /** {@code ray.cluster_resources()}: {@code CPU} (the task workers) and the custom resources the cluster was started with. */
    public Map<String, Double> clusterResources() {
        local("clusterResources()");
        return scheduler.total();
    }

    /** {@code ray.available_resources()}: what running tasks do not hold now. */
    public Map<String, Double> availableResources() {
        local("availableResources()");
        return scheduler.available();
    }

    /** The warnings printed so far (on standard error, as Ray's): a task that cannot be scheduled, for one. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Refuses what only the local cluster has (its object servers, its resource ledger) on another runtime. */
    private void local(String what) {
        if (runtime != null) {
            throw new UnsupportedOperationException(what + " belongs to the local cluster's object servers and scheduler;"
                    + " " + this + " runs on another runtime, which keeps objects and places tasks its own way");
        }
    }

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
        if (scheduler != null) {
            scheduler.refuseAll(this + " was shut down");
        }
        actors.forEach(actor -> actor.kill("its cluster was shut down"));
        if (runtime == null) {
            tasks.terminate();
            node.close();
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
