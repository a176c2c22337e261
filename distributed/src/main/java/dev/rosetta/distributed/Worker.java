package dev.rosetta.distributed;

import com.hazelcast.core.HazelcastInstance;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The member a task is running on, seen from inside the task: dask.distributed's
 * {@code get_worker()}, ray's runtime context.
 *
 * <pre>{@code
 * cluster.submit(() -> {
 *     Worker me = Worker.current();                  // worker = get_worker()
 *     double[] part = me.cluster().store().get(ref); // the input, read where it lives
 *     return me.self().pid();
 * }, ref);                                           // run it on the member that holds ref
 * }</pre>
 *
 * <p>A task may submit tasks and use the store through {@link #cluster()} (dask's
 * {@code worker_client}, ray's nested tasks), and keep state in this member's memory in
 * {@link #local()} (dask's {@code worker.data}; where ray's actors live).
 *
 * <p>Thread-safety: immutable apart from {@link #local()}, a concurrent map. Tasks run on the
 * member's executor threads, several at once.
 */
public final class Worker {
    private static volatile Worker current;

    private final HazelcastInstance member;
    private final Cluster cluster;
    private final ClusterMember self;
    private final ConcurrentMap<String, Object> local = new ConcurrentHashMap<>();

    private Worker(HazelcastInstance member) {
        this.member = member;
        this.cluster = new Cluster(member, false);
        this.self = Cluster.describe(member.getCluster().getLocalMember());
    }

    /** Called once by the member's JVM when its Hazelcast member has joined. */
    static void start(HazelcastInstance member) {
        current = new Worker(member);
    }

    /**
     * This JVM's member.
     *
     * @throws IllegalStateException outside a cluster member (in the caller's JVM, say): a task
     *                               that calls it must be submitted, not called
     */
    public static Worker current() {
        Worker worker = current;
        if (worker == null) {
            throw new IllegalStateException("Worker.current() is only defined in a task running on a cluster member"
                    + " (dask's get_worker() outside a task raises too): submit the task with cluster.submit(...)"
                    + " instead of calling it here");
        }
        return worker;
    }

    /** The cluster, as seen from this member: submit tasks, use the store. Closing it does nothing. */
    public Cluster cluster() {
        return cluster;
    }

    /** This member. */
    public ClusterMember self() {
        return self;
    }

    /**
     * Whether this member owns {@code key} of the store now (an {@link ObjectRef} means its
     * object's key): a task placed {@link Placement#near near} the key finds it true, and reads
     * the object from this JVM's memory rather than over the network.
     */
    public boolean owns(Object key) {
        var owner = member.getPartitionService().getPartition(Placement.keyOf(key)).getOwner();
        return owner != null && owner.localMember();
    }

    /**
     * State kept in this member's memory, by name, for the member's lifetime; lost when it dies
     * (the store's objects are not: they have a backup on another member).
     */
    public ConcurrentMap<String, Object> local() {
        return local;
    }
}
