package dev.rosetta.distributed.ray;

import dev.rosetta.distributed.Cluster;
import dev.rosetta.distributed.ClusterMember;
import dev.rosetta.distributed.KilledWorker;
import dev.rosetta.distributed.LocalCluster;
import dev.rosetta.distributed.Placement;
import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.Pickle;
import dev.rosetta.ray.ActorHandle;
import dev.rosetta.ray.ObjectRef;
import dev.rosetta.ray.Ray;
import dev.rosetta.ray.RayRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Ray on a Hazelcast cluster: the same program as on the local cluster, run by member JVMs.
 * Ray's {@code ray.init(address=...)}, which connects a driver to a cluster of many machines.
 *
 * <pre>{@code
 * try (Ray ray = Ray.init(HazelcastRuntime.members(2))) {     // two member JVMs on 127.0.0.1
 *     var square = ray.remote((Integer x) -> x * x);
 *     ray.get(square.remote(7));                              // 49, computed on a member
 * }                                                           // the members are stopped
 * }</pre>
 *
 * <p><b>Tasks</b> go through the cluster's {@code IExecutorService} to any member
 * ({@link Cluster#submit}). A task whose member dies is run again on another, up to its
 * {@code maxRetries}; with {@code retryExceptions} a task that raises is too, within the same
 * budget; then {@code get} raises Ray's {@code WorkerCrashedError}, or the task's own exception.
 *
 * <p><b>Objects</b> follow Ray's rule: a small one (up to {@value Stored#INLINE_LIMIT_BYTES}
 * bytes) comes back to this driver with the task's completion and waits here; a large one stays
 * in the cluster's {@code IMap}, put there by the member that made it, and only its key comes
 * back. {@code ray.put} always stores into the {@code IMap}. A ref passed to a task is resolved
 * before the task runs: a small value travels with the task, a large one as its key, and the
 * member reads it from the store itself — its bytes never pass through this driver. The store
 * keeps a backup of every object on another member, so an object outlives its member's death.
 *
 * <p><b>Actors</b> live in one member's memory ({@link HazelcastActor}); their calls run in the
 * order they were made, one at a time. A member's death kills its actors: Ray's
 * {@code ActorDiedError}, or, within {@code maxRestarts}, the constructor runs again on another
 * member and the state starts over.
 *
 * <p><b>Left out</b> here: the timeline, resources, named actors and lineage.
 *
 * <p>Thread-safety: every method may be called from any thread. Callbacks run on Hazelcast's
 * client threads and never block.
 */
public final class HazelcastRuntime extends RayRuntime {
    private final Ray ray;
    private final Cluster cluster;
    /** The members this runtime started, stopped at shutdown; null when it uses a cluster it was given. */
    private final LocalCluster owned;
    private final String prefix = "ray-" + UUID.randomUUID() + "-";
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong actorsMade = new AtomicLong();
    private final List<HazelcastActor> actors = new CopyOnWriteArrayList<>();
    /** The store keys of this driver's objects, deleted at shutdown when the cluster outlives it. */
    private final Queue<String> storedKeys = new ConcurrentLinkedQueue<>();
    private final AtomicLong fetched = new AtomicLong();
    private final Cluster.Subscription departures;
    private final String description;
    private volatile boolean shutDown;

    private HazelcastRuntime(Ray ray, Cluster cluster, LocalCluster owned) {
        this.ray = ray;
        this.cluster = cluster;
        this.owned = owned;
        int members = cluster.members().size();
        this.description = members + " Hazelcast member" + (members == 1 ? "" : "s");
        this.departures = cluster.onMemberLeft(member -> actors.forEach(actor -> actor.lost(member)));
    }

    /**
     * Starts {@code members} Hazelcast member JVMs on 127.0.0.1 for the {@link Ray} being made,
     * and stops them at its shutdown: {@code Ray.init(HazelcastRuntime.members(2))}.
     */
    public static Factory members(int members) {
        return ray -> {
            var local = LocalCluster.start(members);
            try {
                return new HazelcastRuntime(ray, local.cluster(), local);
            } catch (RuntimeException e) {
                local.close();
                throw e;
            }
        };
    }

    /** Runs the {@link Ray} being made on a cluster that is already up, and leaves it up at shutdown. */
    public static Factory on(Cluster cluster) {
        return ray -> new HazelcastRuntime(ray, cluster, null);
    }

    /**
     * Where the object of a ready ref is: its key in the cluster's store, or empty when it is
     * small and kept in this driver (Ray's {@code get_object_locations}, in one word).
     *
     * @throws IllegalStateException the ref is not ready, or its task failed
     */
    public static Optional<String> storeKey(ObjectRef<?> ref) {
        CompletableFuture<?> ready = readiness(ref);
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            throw new IllegalStateException(ref + " has no object yet: its task is running, or failed");
        }
        return ready.join() instanceof Stored stored ? Optional.of(stored.key()) : Optional.empty();
    }

    // ---- tasks ------------------------------------------------------------------------------

    @Override
    protected <R> ObjectRef<R> submit(Task task, Object[] args) {
        var ready = new CompletableFuture<Object>();
        ObjectRef<R> ref = newRef(ray, task.call().name(), ready);
        String key = nextKey();
        whenArgsReady(args, ready, wire -> attempt(new RunTask(task.call(), wire, key), task, task.maxRetries(), ready));
        return ref;
    }

    /** One try; the next, if its member died (or, opted in, it raised) and the budget allows. */
    private void attempt(RunTask run, Task task, int retriesLeft, CompletableFuture<Object> ready) {
        // retries are counted here, deaths and exceptions in one budget as in Ray: the cluster retries nothing
        cluster.submit(run, Placement.anywhere(), 0).whenComplete((outcome, failure) -> {
            if (failure == null) {
                kept(outcome);
                ready.complete(outcome);
                return;
            }
            Throwable cause = unwrap(failure);
            boolean died = cause instanceof KilledWorker;
            if (retriesLeft > 0 && !shutDown && (died || task.retryExceptions())) {
                try {
                    attempt(run, task, retriesLeft - 1, ready);
                } catch (RuntimeException refused) {
                    ready.completeExceptionally(refused);
                }
                return;
            }
            ready.completeExceptionally(died ? workerCrashed("task " + run.function().name() + " lost its member on each of "
                    + (task.maxRetries() + 1) + " tries (maxRetries=" + task.maxRetries() + "): " + cause.getMessage(), cause)
                    : cause);
        });
    }

    /**
     * Calls {@code send} with the arguments as they travel once every ref among {@code args} is
     * ready: at once on this thread, or on the thread that completes the last of them. A ref whose
     * task failed fails {@code ready} with that error instead, and nothing is sent.
     */
    void whenArgsReady(Object[] args, CompletableFuture<Object> ready, Consumer<List<Object>> send) {
        var waitFor = new ArrayList<CompletableFuture<?>>();
        for (Object arg : args) {
            if (arg instanceof ObjectRef<?> ref && !readiness(ref).isDone()) {
                waitFor.add(readiness(ref));
            }
        }
        if (waitFor.isEmpty()) {
            List<Object> wire = wire(args, ready);
            if (wire != null) {
                send.accept(wire); // the cluster checks that it serialises, and throws here
            }
            return;
        }
        for (Object arg : args) {
            if (!(arg instanceof ObjectRef<?>)) {
                Pickle.dumps(arg); // refused now, at the call, not later when the dependencies are done
            }
        }
        CompletableFuture.allOf(waitFor.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            try {
                List<Object> wire = wire(args, ready);
                if (wire != null) {
                    send.accept(wire);
                }
            } catch (RuntimeException e) {
                ready.completeExceptionally(e);
            }
        });
    }

    /**
     * The arguments as they travel, every ref (all ready) replaced by its small value or its
     * {@link Stored} key; null if a ref's task failed (then {@code ready} has that error).
     */
    List<Object> wire(Object[] args, CompletableFuture<Object> ready) {
        var wire = new ArrayList<>(args.length);
        for (Object arg : args) {
            if (arg instanceof ObjectRef<?> ref) {
                try {
                    wire.add(readiness(ref).join());
                } catch (CompletionException | CancellationException failed) {
                    ready.completeExceptionally(unwrap(failed));
                    return null;
                }
            } else {
                wire.add(arg);
            }
        }
        return wire;
    }

    /** Notes the key of a result a member stored, to delete it at shutdown. */
    void kept(Object outcome) {
        if (outcome instanceof Stored stored) {
            storedKeys.add(stored.key());
        }
    }

    String nextKey() {
        return prefix + keys.incrementAndGet();
    }

    // ---- objects ----------------------------------------------------------------------------

    @Override
    protected <T> ObjectRef<T> put(T value) {
        String key = nextKey();
        cluster.store().put(key, value);
        storedKeys.add(key);
        return newRef(ray, "put", CompletableFuture.completedFuture(new Stored(key)));
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T value(ObjectRef<T> ref, Object ready) {
        if (ready instanceof Stored stored) {
            fetched.incrementAndGet();
            return cluster.store().get(new dev.rosetta.distributed.ObjectRef<>(stored.key()));
        }
        return (T) ready;
    }

    /** How many objects this driver has read from the store so far (tests prove with it what did not pass through here). */
    long fetchedFromStore() {
        return fetched.get();
    }

    // ---- actors -----------------------------------------------------------------------------

    @Override
    protected RemoteActor actor(PicklableCallable<?> constructor, ActorHandle.Options options, String name) {
        List<ClusterMember> members = cluster.members();
        ClusterMember home = members.get((int) (actorsMade.getAndIncrement() % members.size()));
        var actor = new HazelcastActor(this, name, prefix + "actor-" + name, constructor, options.maxRestarts(), home);
        actors.add(actor);
        return actor;
    }

    Ray ray() {
        return ray;
    }

    Cluster cluster() {
        return cluster;
    }

    static <T> ObjectRef<T> refOf(Ray ray, String label, CompletableFuture<Object> ready) {
        return newRef(ray, label, ready);
    }

    static boolean isReady(ObjectRef<?> ref) {
        return readiness(ref).isDone();
    }

    static CompletableFuture<?> readinessOf(ObjectRef<?> ref) {
        return readiness(ref);
    }

    static RuntimeException actorDiedError(String message, Throwable cause) {
        return actorDied(message, cause);
    }

    // ---- the rest ---------------------------------------------------------------------------

    @Override
    protected List<Long> workerPids() {
        return cluster.members().stream().map(ClusterMember::pid).toList();
    }

    @Override
    protected void shutdown() {
        shutDown = true;
        departures.close();
        if (owned != null) {
            owned.close();
            return;
        }
        for (String key; (key = storedKeys.poll()) != null; ) {
            cluster.store().delete(new dev.rosetta.distributed.ObjectRef<>(key));
        }
    }

    @Override
    protected String describe() {
        return description;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        // only the plain wrappers: Hazelcast's MemberLeftException is an ExecutionException too, and is the news
        while ((cause.getClass() == CompletionException.class || cause.getClass() == ExecutionException.class)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
