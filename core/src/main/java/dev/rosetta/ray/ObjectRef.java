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
 * <p>Thread-safety: immutable; its value is completed once, by whichever thread finishes the task.
 *
 * @param <T> the value it names
 */
public final class ObjectRef<T> {
    final Ray owner;
    final long id;
    final String label;
    final CompletableFuture<T> future;

    ObjectRef(Ray owner, long id, String label, CompletableFuture<T> future) {
        this.owner = owner;
        this.id = id;
        this.label = label;
        this.future = future;
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
