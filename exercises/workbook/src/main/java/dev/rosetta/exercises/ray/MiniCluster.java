package dev.rosetta.exercises.ray;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Ray cluster shrunk to one JVM, for the {@code ray/...} exercises: the "workers" are the
 * threads of an {@link Executor} (a test hands in one whose threads run only when it says so),
 * and a remote call is a task on it that completes an {@link ObjectRef}. Real Ray runs the same
 * calls in worker processes; what the exercises teach — when to wait, what runs where, what is
 * run again — is the same. You do not edit it.
 *
 * <pre>
 * ray.init(num_cpus=2)                 MiniCluster cluster = new MiniCluster(workers);
 * ref = f.remote(x)                    ObjectRef&lt;R&gt; ref = cluster.remote(() -&gt; f(x));
 * ref = ray.put(x)                     ObjectRef&lt;T&gt; ref = cluster.put(x);
 * </pre>
 *
 * <p>A task that returns makes its ref ready with the value; one that throws makes it ready
 * with a {@link RayTaskError} around the exception; one whose worker dies (here: it throws a
 * {@link WorkerCrashedError}) makes it ready with that error. {@code remote} never waits: it
 * hands the task to the executor and returns.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
public final class MiniCluster {
    private final Executor workers;
    private final AtomicInteger tasks = new AtomicInteger();
    private final AtomicInteger puts = new AtomicInteger();

    /** A cluster whose workers are {@code workers}' threads. */
    public MiniCluster(Executor workers) {
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /** {@code f.remote(...)}: runs {@code task} on a worker; its ref is ready when it has run. */
    public <R> ObjectRef<R> remote(Callable<R> task) {
        String name = "task " + tasks.getAndIncrement();
        var value = new CompletableFuture<R>();
        try {
            workers.execute(() -> run(name, task, value));
        } catch (RejectedExecutionException e) {
            value.completeExceptionally(new RayTaskError(name, e));
        }
        return ObjectRef.of(name, value);
    }

    private static <R> void run(String name, Callable<R> task, CompletableFuture<R> value) {
        try {
            value.complete(task.call());
        } catch (WorkerCrashedError died) {
            value.completeExceptionally(died);
        } catch (Throwable raised) {
            value.completeExceptionally(new RayTaskError(name, raised));
        }
    }

    /** {@code ray.put(value)}: a ref that is ready at once. */
    public <T> ObjectRef<T> put(T value) {
        return ObjectRef.of("put " + puts.getAndIncrement(), CompletableFuture.completedFuture(value));
    }

    /** How many tasks {@link #remote} has handed to the workers so far. */
    public int submitted() {
        return tasks.get();
    }
}
