package dev.rosetta.ray;

import java.util.concurrent.CompletableFuture;

/**
 * Ray's {@code ObjectRef}: the name of a value that a task will return (or that
 * {@link Ray#put} stored), handed out at once, before the value exists. Read it with
 * {@link Ray#get}, watch it with {@link Ray#wait}, or pass it to another task's
 * {@code remote(...)}: the task then starts only once the value is there, and receives the
 * value, not the ref.
 *
 * <p>A ref belongs to the cluster that made it: another cluster refuses it, and after
 * {@link Ray#shutdown()} its value is gone with the cluster.
 *
 * <p><b>Lineage.</b> A ref made by a task remembers that task (the function and its
 * arguments): when its value is lost with the worker that held it, the task runs again and the
 * ref names the new value. A ref made by {@code put} or by an actor call has no lineage.
 *
 * <p>Thread-safety: safe from any thread. Its value (a value, or where a large one is kept) is
 * completed once per try, by whichever thread finishes the task; a rebuild swaps in a fresh
 * future under the ref's lock.
 *
 * @param <T> the value it names
 */
public final class ObjectRef<T> {
    /** What made a task's value, to make it again: Ray's lineage. */
    record Lineage(RemoteFunction<?> function, Object[] args) {
    }

    final Ray owner;
    final long id;
    final String label;
    /** The task that made it; null for {@code put} and actor calls. */
    final Lineage lineage;
    /** The value or a {@link Node.Stored}; replaced (under this ref's lock) when the value is rebuilt. */
    private volatile CompletableFuture<Object> future;
    // @GuardedBy("this")
    private int rebuilds;

    ObjectRef(Ray owner, long id, String label, CompletableFuture<Object> future, Lineage lineage) {
        this.owner = owner;
        this.id = id;
        this.label = label;
        this.future = future;
        this.lineage = lineage;
    }

    CompletableFuture<Object> future() {
        return future;
    }

    /** Swaps in the future of a rebuild; the caller holds this ref's lock. */
    void rebuilding(CompletableFuture<Object> fresh) {
        future = fresh;
        rebuilds++;
    }

    /** How often the value was rebuilt from its lineage after it was lost. */
    public synchronized int rebuilds() {
        return rebuilds;
    }

    /** Whether the value (or the task's error) is there: what {@link Ray#wait} tests, without waiting. */
    public boolean ready() {
        return future.isDone();
    }

    /** {@code ObjectRef(square#12)}: the function (or {@code put}) and the ref's number in its cluster. */
    @Override
    public String toString() {
        return "ObjectRef(" + label + "#" + id + ")";
    }
}
