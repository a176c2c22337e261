package dev.rosetta.distributed;

import com.hazelcast.map.IMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Objects kept in the cluster's memory, by name: ray's object store ({@code ray.put},
 * {@code ray.get}), dask.distributed's worker data ({@code client.scatter}, {@code client.gather}).
 *
 * <pre>{@code
 * ObjectRef<int[]> ref = store.put(new int[] {1, 2, 3});  // ref = ray.put([1, 2, 3])
 * int[] back = store.get(ref);                             // ray.get(ref)
 * ClusterMember holder = store.ownerOf(ref);               // who_has: where a task using it should run
 * store.delete(ref);
 * }</pre>
 *
 * <p><b>How.</b> One Hazelcast {@code IMap}: a key belongs to one of the cluster's partitions, and
 * each partition to one member (its owner, {@link #ownerOf}) with a backup copy on another member,
 * so an object outlives the death of one member. Values are serialised on the way in and read back
 * as copies: changing an object after {@code put}, or the copy {@code get} returned, does not change
 * the stored one. A value's class must be on the members' class path.
 *
 * <p>Thread-safety: every method may be called from any thread, in the caller's JVM or in a task.
 */
public final class ObjectStore {
    private final IMap<String, Object> map;
    private final Cluster cluster;

    ObjectStore(IMap<String, Object> map, Cluster cluster) {
        this.map = map;
        this.cluster = cluster;
    }

    /** Stores {@code value} under a new unique name: {@code ray.put(value)}. */
    public <T> ObjectRef<T> put(T value) {
        return put("obj-" + UUID.randomUUID(), value);
    }

    /** Stores {@code value} under {@code key} (a dask task's key), replacing what was there. */
    public <T> ObjectRef<T> put(String key, T value) {
        Objects.requireNonNull(value, "the store keeps objects, not null (ray.put(None) has no equivalent here)");
        map.set(key, value);
        return new ObjectRef<>(key);
    }

    /**
     * A copy of the object: {@code ray.get(ref)}.
     *
     * @throws NoSuchElementException if no object has that name (never put, or deleted)
     */
    @SuppressWarnings("unchecked")
    public <T> T get(ObjectRef<T> ref) {
        Object value = map.get(ref.key());
        if (value == null) {
            throw missing(ref);
        }
        return (T) value;
    }

    /** The same as {@link #get}, without waiting; completed on a Hazelcast thread (chain heavy work with an executor). */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> getAsync(ObjectRef<T> ref) {
        return map.getAsync(ref.key()).toCompletableFuture().thenApply(value -> {
            if (value == null) {
                throw missing(ref);
            }
            return (T) value;
        });
    }

    /** Whether an object has that name. */
    public boolean contains(ObjectRef<?> ref) {
        return map.containsKey(ref.key());
    }

    /** Forgets the object (ray's {@code free}); nothing happens if there is none. */
    public void delete(ObjectRef<?> ref) {
        map.delete(ref.key());
    }

    /** The member that holds the object (dask's {@code who_has}), where a task reading it should run. */
    public ClusterMember ownerOf(ObjectRef<?> ref) {
        return cluster.ownerOf(ref);
    }

    private static NoSuchElementException missing(ObjectRef<?> ref) {
        return new NoSuchElementException("no object '" + ref.key() + "' in the cluster's store: it was never put,"
                + " or was deleted (ray: ObjectLostError; dask: the key was released)");
    }
}
