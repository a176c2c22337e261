package dev.rosetta.ray;

import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster behind a {@link Ray}, chosen at init: Ray's {@code ray.init(address=...)}, which
 * connects the same program to another cluster. {@link Ray#init(int)} runs on the local cluster
 * of worker JVMs; {@link Ray#init(Factory)} runs on the runtime the factory starts — Hazelcast's,
 * in the distributed module:
 *
 * <pre>{@code
 * try (Ray ray = Ray.init(2)) { program(ray); }                             // ray.init(num_cpus=2)
 * try (Ray ray = Ray.init(HazelcastRuntime.members(2))) { program(ray); }  // ray.init(address="...")
 * }</pre>
 *
 * <p>A runtime does what the local cluster does, in its own way: it runs {@link Task}s and
 * actor {@link Call}s somewhere else, keeps the objects, and answers {@link Ray#get}. {@link Ray}
 * keeps what is the same everywhere: checking that a ref belongs to this cluster, counting the
 * refs {@link Ray#wait} waits for, the errors of a shut-down cluster.
 *
 * <p><b>The ref's future.</b> Every {@link ObjectRef} has a future that is done when its object is
 * ready, or failed with the task's error: {@link Ray#wait} and {@link ObjectRef#ready()} read only
 * that. What it holds is the runtime's business: the local cluster keeps the value itself; another
 * runtime may keep only where the object is, and fetch it in {@link #value}.
 *
 * <p>A subclass is a service provider, not an API for programs; the protected static methods are
 * its way to make core's refs, handles and errors.
 *
 * <p>Thread-safety: an implementation's methods may be called from any thread.
 */
public abstract class RayRuntime {

    /** Starts a runtime for a {@link Ray} that is being made: what {@link Ray#init(Factory)} calls. */
    @FunctionalInterface
    public interface Factory {
        /** Starts (or connects to) the cluster; {@code ray} is the handle it serves, for making refs. */
        RayRuntime start(Ray ray) throws Exception;
    }

    /**
     * One remote function's call as it travels: the function, how many arguments the caller
     * passes, and its name (for messages and traces).
     *
     * @param name     {@code square}, or {@code Counter#1.increment} for an actor's method
     * @param function a {@link PicklableCallable}, {@link PicklableFunction} or {@link Pool.PicklableBiFunction}
     * @param arity    the arguments the caller passes: 0, 1 or 2
     */
    public record Call(String name, Serializable function, int arity) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        /**
         * Runs the function with {@code args} (the values, every ref already replaced); for an
         * actor's method, {@code actor} goes first, as Python's {@code self}.
         */
        @SuppressWarnings("unchecked")
        public Object invoke(Object actor, List<?> args) throws Exception {
            var all = new ArrayList<Object>(3);
            if (actor != null) {
                all.add(actor);
            }
            all.addAll(args);
            return switch (all.size()) {
                case 0 -> ((PicklableCallable<Object>) function).call();
                case 1 -> ((PicklableFunction<Object, Object>) function).apply(all.getFirst());
                default -> ((Pool.PicklableBiFunction<Object, Object, Object>) function).apply(all.get(0), all.get(1));
            };
        }
    }

    /**
     * A task: its call and its fault tolerance.
     *
     * @param call            what runs
     * @param maxRetries      how often it is run again if its worker dies
     * @param retryExceptions whether it is run again when it raises, within the same {@code maxRetries}
     */
    public record Task(Call call, int maxRetries, boolean retryExceptions) {
    }

    /**
     * An actor living in another runtime: where {@link ActorHandle}'s calls go when its
     * {@link Ray} was not started on the local cluster.
     */
    public interface RemoteActor {
        /** {@code actor.method.remote(*args)}: the ref of its result, at once; calls run in the order made. */
        <R> ObjectRef<R> call(Call call, Object[] args);

        /** {@code ray.kill(actor)}, or its cluster's shutdown: no call runs after it. */
        void kill(String reason);

        /** How often the constructor ran again after the actor's home died. */
        int restarts();

        /** The process id of the JVM the actor lives in (0 while it has none). */
        long workerPid();
    }

    /** {@code f.remote(*args)}: {@code args} are values and refs of this cluster (already checked). */
    protected abstract <R> ObjectRef<R> submit(Task task, Object[] args);

    /** {@code ray.put(value)}: a ready ref to a copy of {@code value}. */
    protected abstract <T> ObjectRef<T> put(T value);

    /**
     * The value of a ready ref whose future succeeded with {@code ready}: the value itself, or
     * fetched from where {@code ready} says it is.
     */
    protected abstract <T> T value(ObjectRef<T> ref, Object ready);

    /** {@code Counter.options(...).remote()}: runs the constructor somewhere; returns once it ran. */
    protected abstract RemoteActor actor(PicklableCallable<?> constructor, ActorHandle.Options options, String name);

    /** The process ids of the JVMs that run tasks. */
    protected abstract List<Long> workerPids();

    /** Stops what this runtime started; the actors were killed just before. */
    protected abstract void shutdown();

    /** For {@code Ray.toString()}: {@code 2 Hazelcast members}. */
    protected abstract String describe();

    // ---- for implementations: core's refs, handles and errors --------------------------------

    /** A new ref of {@code ray}, ready when {@code ready} is done; {@code label} names it in messages. */
    protected static <T> ObjectRef<T> newRef(Ray ray, String label, CompletableFuture<?> ready) {
        @SuppressWarnings("unchecked")
        var future = (CompletableFuture<T>) ready;
        return ray.newRef(label, future);
    }

    /** The future of {@code ref}: done when its object is ready, holding what this runtime put in it. */
    protected static CompletableFuture<?> readiness(ObjectRef<?> ref) {
        return ref.future;
    }

    /** Ray's {@code WorkerCrashedError}: a task lost its worker on every try. */
    protected static RuntimeException workerCrashed(String message, Throwable cause) {
        return new WorkerCrashedError(message, cause);
    }

    /** Ray's {@code ActorDiedError}: a call on an actor that died, or was running when it did. */
    protected static RuntimeException actorDied(String message, Throwable cause) {
        return new ActorDiedError(message, cause);
    }
}
