package dev.rosetta.distributed;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.Pickle;
import dev.rosetta.multiprocessing.PicklingError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A cluster of member JVMs that run tasks and hold objects: the part of dask.distributed's
 * scheduler that decides where a task runs and of its workers that run it, and the core of ray's
 * cluster (remote tasks, an object store, actors' home members). A scheduler with a task graph
 * (dask) or with refs and actors (ray) stands on these few calls:
 *
 * <pre>{@code
 * try (var local = LocalCluster.start(2)) {                      // LocalCluster(n_workers=2)
 *     Cluster cluster = local.cluster();                          // client = Client(cluster)
 *     ObjectRef<int[]> data = cluster.store().put(new int[] {1, 2, 3});
 *     CompletableFuture<Integer> sum = cluster.submit(            // client.submit(f, data)
 *             () -> IntStream.of(Worker.current().cluster().store().get(data)).sum(),
 *             data);                                              // ... run where data lives
 *     sum.join();                                                 // 6
 *     cluster.members();                                          // [member-1 (pid ..), member-2 (pid ..)]
 *     cluster.onMemberLeft(m -> System.out.println(m + " left"));
 * }
 * }</pre>
 *
 * <p><b>Tasks</b> are {@link PicklableCallable}s: serialised here, run on a member's executor
 * threads (several at once per member), their result serialised back. A task's exception comes
 * back as itself, caused by a {@code RemoteTraceback} carrying the member's stack trace.
 *
 * <p><b>A member that dies</b> while running a task (its JVM killed, its machine gone): the task
 * is submitted again, to another member, up to {@code maxRetries} times ({@value #MAX_RETRIES} by
 * default, ray's {@code max_retries}); then its future fails with {@link KilledWorker}. A task the
 * member started may thus run twice, once partly: <b>tasks must be idempotent</b> — writing the same
 * key of the store twice is fine, appending to a list twice is not. A task placed
 * {@link Placement#on on one member} is not resubmitted.
 *
 * <p><b>Where callbacks run.</b> The futures {@link #submit} returns are completed, and
 * {@link #onMemberLeft} listeners called, on Hazelcast's threads: keep what you chain on them short,
 * or chain with {@code thenApplyAsync(fn, yourExecutor)}.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class Cluster implements AutoCloseable {
    /** Resubmissions of a task whose member died, unless told otherwise (ray's default {@code max_retries}). */
    public static final int MAX_RETRIES = 3;

    private final HazelcastInstance hazelcast;
    private final boolean owned;
    private final IExecutorService executor;
    private final ObjectStore store;

    /** A cluster seen through {@code hazelcast} (a client, or a member); {@link #close} shuts it down if {@code owned}. */
    Cluster(HazelcastInstance hazelcast, boolean owned) {
        this.hazelcast = hazelcast;
        this.owned = owned;
        this.executor = hazelcast.getExecutorService(HazelcastSettings.EXECUTOR);
        this.store = new ObjectStore(hazelcast.getMap(HazelcastSettings.STORE), this);
    }

    /** Runs {@code task} on any member: {@code client.submit(f)}, {@code f.remote()}. */
    public <T> CompletableFuture<T> submit(PicklableCallable<T> task) {
        return submit(task, Placement.anywhere(), MAX_RETRIES);
    }

    /**
     * Runs {@code task} on the member that owns {@code placementKey} in the store (an
     * {@link ObjectRef}, or a key the task will read or write): the task reads its data locally.
     */
    public <T> CompletableFuture<T> submit(PicklableCallable<T> task, Object placementKey) {
        return submit(task, Placement.near(placementKey), MAX_RETRIES);
    }

    /**
     * Runs {@code task} where {@code placement} says, resubmitting it at most {@code maxRetries}
     * times if its member dies (0: never).
     *
     * @throws dev.rosetta.multiprocessing.PicklingError if the task cannot be serialised (it names the culprit)
     */
    public <T> CompletableFuture<T> submit(PicklableCallable<T> task, Placement placement, int maxRetries) {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(placement, "placement");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
        }
        var result = new CompletableFuture<T>();
        try {
            attempt(new Attempt<>(new RemoteTask<>(task), placement, result, new ArrayList<>(), maxRetries));
        } catch (HazelcastSerializationException notSerialisable) {
            Pickle.dumps(task); // throws a PicklingError naming what cannot be sent
            throw notSerialisable;
        }
        return result;
    }

    /**
     * One task's journey: where it goes, what happened so far, how many retries are left. Its
     * {@code losses} are touched by one attempt at a time: a retry starts after the attempt before it failed.
     */
    private record Attempt<T>(RemoteTask<T> task, Placement placement, CompletableFuture<T> result,
                              List<String> losses, int maxRetries) {
    }

    private <T> void attempt(Attempt<T> attempt) {
        Future<Object> sent = switch (attempt.placement()) {
            case Placement.Anywhere ignored -> executor.submit(attempt.task());
            case Placement.Near near -> executor.submitToKeyOwner(attempt.task(), near.key());
            case Placement.On on -> {
                Member member = hazelcast.getCluster().getMembers().stream()
                        .filter(m -> m.getUuid().equals(on.member().uuid())).findFirst().orElse(null);
                yield member != null ? executor.submitToMember(attempt.task(), member)
                        : CompletableFuture.failedFuture(new TargetDisconnectedException(on.member() + " is not in the cluster"));
            }
        };
        // Hazelcast's futures are CompletableFutures: completing on the thread that read the
        // response, rather than handing an ExecutionCallback to another pool, saves a thread hop per task
        ((CompletableFuture<Object>) sent).whenComplete((outcome, failure) -> {
            if (failure == null) {
                complete(attempt, outcome);
            } else {
                failed(attempt, failure);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Attempt<T> attempt, Object outcome) {
        if (outcome instanceof RemoteTask.Raised raised) {
            attempt.result().completeExceptionally(raised.reRaised(attempt.task().task()));
        } else {
            attempt.result().complete((T) outcome);
        }
    }

    private <T> void failed(Attempt<T> attempt, Throwable failure) {
        if (unwrap(failure) instanceof HazelcastSerializationException unsendable) {
            attempt.result().completeExceptionally(new PicklingError("a task placed " + describe(attempt.placement())
                    + " ran, but its result could not be sent back (" + unsendable.getMessage() + "): return plain data"
                    + " (numbers, strings, records, lists) that is Serializable", unsendable));
            return;
        }
        if (!memberLost(failure)) {
            attempt.result().completeExceptionally(failure);
            return;
        }
        attempt.losses().add(String.valueOf(unwrap(failure).getMessage()));
        boolean pinned = attempt.placement() instanceof Placement.On;
        if (pinned || attempt.losses().size() > attempt.maxRetries()) {
            attempt.result().completeExceptionally(new KilledWorker("a task placed " + describe(attempt.placement()),
                    attempt.losses(), pinned
                    ? "It was placed on that member only, so it was not resubmitted elsewhere."
                    : "It was resubmitted " + attempt.maxRetries() + " time(s) (maxRetries); a task that kills"
                    + " its member every time it runs (it exhausts memory, or exits the JVM) does this too."));
            return;
        }
        try {
            attempt(attempt);
        } catch (RuntimeException cannotResubmit) {
            attempt.result().completeExceptionally(cannotResubmit);
        }
    }

    /** Whether a task failed because its member left (rather than because the task raised). */
    private boolean memberLost(Throwable failure) {
        Throwable cause = unwrap(failure);
        return hazelcast.getLifecycleService().isRunning()
                && (cause instanceof RetryableException
                || cause instanceof TargetDisconnectedException
                || cause instanceof HazelcastInstanceNotActiveException);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        // only the plain wrappers: Hazelcast's MemberLeftException is an ExecutionException too, and is the news
        while ((cause.getClass() == CompletionException.class || cause.getClass() == ExecutionException.class)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Placement placement) {
        return switch (placement) {
            case Placement.Anywhere ignored -> "anywhere";
            case Placement.Near near -> "near key '" + near.key() + "'";
            case Placement.On on -> "on " + on.member();
        };
    }

    /** The objects this cluster keeps. */
    public ObjectStore store() {
        return store;
    }

    /** The members now, oldest first (the caller's JVM is not one): dask's {@code scheduler_info()["workers"]}, ray's {@code nodes()}. */
    public List<ClusterMember> members() {
        return hazelcast.getCluster().getMembers().stream().map(Cluster::describe).toList();
    }

    /** The member that owns {@code key} in the store now ({@link Placement#near} runs tasks there). */
    public ClusterMember ownerOf(Object key) {
        Object name = Placement.keyOf(key);
        Member owner = hazelcast.getPartitionService().getPartition(name).getOwner();
        if (owner != null) {
            return describe(owner);
        }
        // this view of the partition table is not filled in yet: the owner itself knows
        return submit(() -> Worker.current().self(), Placement.near(name), MAX_RETRIES).join();
    }

    /**
     * Calls {@code listener} with each member that leaves the cluster (dies, or is shut down), on a
     * Hazelcast event thread, one event at a time. Closing the returned subscription stops it.
     */
    public Subscription onMemberLeft(Consumer<ClusterMember> listener) {
        Objects.requireNonNull(listener, "listener");
        UUID id = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                // only departures are reported
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                listener.accept(describe(event.getMember()));
            }
        });
        return () -> hazelcast.getCluster().removeMembershipListener(id);
    }

    /** A listener's registration; {@link #close()} removes it. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Disconnects from the cluster (the members keep running: {@link LocalCluster#close()} stops them). */
    @Override
    public void close() {
        if (owned) {
            hazelcast.shutdown();
        }
    }

    static ClusterMember describe(Member member) {
        var address = member.getAddress();
        return new ClusterMember(member.getAttribute(HazelcastSettings.NAME), member.getUuid(),
                address.getHost() + ":" + address.getPort(),
                Long.parseLong(member.getAttribute(HazelcastSettings.PID)));
    }
}
