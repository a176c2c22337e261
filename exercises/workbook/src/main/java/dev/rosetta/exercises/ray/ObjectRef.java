package dev.rosetta.exercises.ray;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A name for a value that may not exist yet: what {@code f.remote(x)} returns in Ray. It is
 * ready once the task that makes it has returned (it then holds the value) or failed (it then
 * holds the error: a {@link RayTaskError} around the task's own exception, or a
 * {@link WorkerCrashedError}). You do not edit it.
 *
 * <pre>
 * ref = f.remote(x)           # ObjectRef, at once
 * ref.future()                # a concurrent.futures.Future of its value
 * </pre>
 *
 * <p>Thread-safety: immutable; its future may be completed by any thread.
 *
 * @param <T> the value's type
 */
public final class ObjectRef<T> {
    private final String name;
    private final CompletableFuture<T> value;

    private ObjectRef(String name, CompletableFuture<T> value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    /**
     * A ref whose value is {@code value}'s: ready when it completes. For refs you make yourself
     * (the result of a retry, of a task that waits for its inputs); a {@link MiniCluster} makes
     * the others.
     */
    public static <T> ObjectRef<T> of(String name, CompletableFuture<T> value) {
        return new ObjectRef<>(name, value);
    }

    /** Whether its value is there: the task returned, or failed. Never waits. */
    public boolean isReady() {
        return value.isDone();
    }

    /**
     * Ray's {@code ref.future()}: a future of the value, to wait on ({@code get}, {@code join})
     * or to chain from ({@code whenComplete}, {@code thenApply}: the callback runs on the thread
     * that completes the value, or at once on yours if it is ready). Each call gives a new
     * future; completing or cancelling it does not change the ref.
     */
    public CompletableFuture<T> future() {
        return value.copy();
    }

    /** Its name: "task 3", "put 1" ... */
    @Override
    public String toString() {
        return name;
    }
}
