package dev.rosetta.distributed;

import java.util.Objects;

/**
 * Where a {@link Cluster} runs a task. Three choices, the ones dask.distributed's scheduler and
 * ray's make:
 * <ul>
 *   <li>{@link #anywhere()}: any member (ray's default scheduling; dask's task without inputs);</li>
 *   <li>{@link #near(Object)}: the member that owns a key of the {@link ObjectStore} — "place work
 *       where its data is" (dask's scheduler prefers the worker holding a task's inputs; ray's
 *       locality-aware scheduling). If that member dies, the key's new owner runs the retry;</li>
 *   <li>{@link #on(ClusterMember)}: that member and no other (ray's actors live on one worker;
 *       dask's {@code workers=} restriction). If it dies, the task fails with {@link KilledWorker}:
 *       there is nowhere else it may run.</li>
 * </ul>
 */
public sealed interface Placement {
    /** Any member. */
    static Placement anywhere() {
        return Anywhere.INSTANCE;
    }

    /** The member owning {@code key} (an {@link ObjectRef} means its object's key). */
    static Placement near(Object key) {
        Objects.requireNonNull(key, "placement key");
        return new Near(keyOf(key));
    }

    /** The store's key for a placement key: an {@link ObjectRef} stands for its object's key. */
    static Object keyOf(Object key) {
        return key instanceof ObjectRef<?> ref ? ref.key() : key;
    }

    /** That member only. */
    static Placement on(ClusterMember member) {
        return new On(Objects.requireNonNull(member, "member"));
    }

    /** Any member. */
    enum Anywhere implements Placement { INSTANCE }

    /** The owner of a key, as the store partitions keys. */
    record Near(Object key) implements Placement {
    }

    /** One member. */
    record On(ClusterMember member) implements Placement {
    }
}
