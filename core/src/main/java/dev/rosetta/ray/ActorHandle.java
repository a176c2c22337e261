package dev.rosetta.ray;

import dev.rosetta.joblib.FunctionNames;
import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pickle;
import dev.rosetta.multiprocessing.Pool;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A handle to an actor: Ray's {@code Counter.remote()}, a stateful object living in a worker
 * process of its own. Each call returns a ref at once; the calls run one at a time, in the order
 * they were made, on the same instance.
 *
 * <pre>{@code
 * ActorHandle<Counter> counter = ray.actor(Counter.class);        // counter = Counter.remote()
 * ObjectRef<Integer> one = counter.remote(Counter::increment);     // counter.increment.remote()
 * ObjectRef<Integer> six = counter.remote(Counter::add, 5);        // counter.add.remote(5)
 * ray.get(six);                                                    // 6: the calls ran in order
 * }</pre>
 *
 * <p><b>One at a time, in order.</b> The actor's worker is a {@code multiprocessing} pool of
 * one process whose queue is first in, first out, and a worker runs its tasks one after another
 * on one thread: no lock is needed inside the actor. A call whose argument is a ref that is not
 * ready holds back the calls made after it, so that the order stays the order of the calls.
 *
 * <p><b>Restarts.</b> The constructor is the pool's initializer: when the worker dies, the
 * replacement runs it again, and the actor is back with fresh state. {@code maxRestarts}
 * (default 0, as Ray) bounds how often; past it, the actor is dead and every call fails with
 * {@link ActorDiedError}. A call that was running when the worker died fails with
 * {@link ActorDiedError} too (Ray's {@code max_task_retries=0}). A death is counted when it
 * interrupts a call; a worker that dies while the actor is idle is replaced silently.
 *
 * <p><b>On another runtime</b> ({@link Ray#init(RayRuntime.Factory)}), the calls go to that
 * runtime's {@link RayRuntime.RemoteActor}, which keeps the same promises its own way.
 *
 * <p>Thread-safety: every method may be called from any thread; calls made by one thread run
 * in that thread's order.
 *
 * @param <T> the actor's class
 */
public final class ActorHandle<T> {

    /**
     * {@code Counter.options(name="counter", max_restarts=1)}.
     *
     * @param name        the actor's name in messages and in the timeline
     * @param maxRestarts how often the constructor runs again after the worker died (0: never)
     */
    public record Options(String name, int maxRestarts) {
        /** Checks the values. */
        public Options {
            if (maxRestarts < 0) {
                throw new IllegalArgumentException("maxRestarts must be 0 or more, was " + maxRestarts);
            }
        }

        /** An actor called {@code name} that is never restarted. */
        public static Options named(String name) {
            return new Options(name, 0);
        }

        /** The same, restarted up to {@code times} times. */
        public Options maxRestarts(int times) {
            return new Options(name, times);
        }
    }

    private final Ray ray;
    private final String name;
    private final int maxRestarts;
    private final Pool worker;
    /** The actor in another runtime; null on the local cluster (then {@code worker} runs it). */
    private final RayRuntime.RemoteActor remote;
    /** The method called last, made ready to send: a loop of calls to one method pickles it once. */
    private volatile Body last = new Body("", null, 0, true);
    private final Object lock = new Object();
    // @GuardedBy("lock") — done when the last call made has been handed to the worker's queue
    private CompletableFuture<?> lastSubmitted = CompletableFuture.completedFuture(null);
    // @GuardedBy("lock") — the workers whose death was counted
    private final Set<Long> deadWorkers = new HashSet<>();
    // @GuardedBy("lock")
    private int restarts;
    /** Why the actor is dead; null while it lives. Written under the lock. */
    private volatile String diedBecause;

    ActorHandle(Ray ray, long id, PicklableCallable<T> constructor, Options options) {
        this.ray = ray;
        this.name = options.name() + "#" + id;
        this.maxRestarts = options.maxRestarts();
        Pickle.dumps(constructor);
        try {
            this.worker = new Pool(ray.poolOptions(1).initializer(new ActorHost.Construct(constructor)));
        } catch (IllegalStateException e) {
            throw new ActorDiedError("actor " + name + " could not be created: its constructor failed in the worker"
                    + " (its stack trace is above, on standard error)", e);
        }
        this.remote = null;
    }

    ActorHandle(Ray ray, String name, RayRuntime.RemoteActor remote) {
        this.ray = ray;
        this.name = name;
        this.maxRestarts = 0;
        this.worker = null;
        this.remote = remote;
    }

    /** {@code actor.method.remote()}: calls a method without argument; its result later. */
    public <R> ObjectRef<R> remote(PicklableFunction<T, R> method) {
        return call(method, 0, new Object[0]);
    }

    /** {@code actor.method.remote(arg)}: calls a method of one argument (a value or a ref); its result later. */
    public <A, R> ObjectRef<R> remote(Pool.PicklableBiFunction<T, A, R> method, Object argument) {
        return call(method, 1, new Object[] {argument});
    }

    private <R> ObjectRef<R> call(Serializable method, int arity, Object[] args) {
        Body body = bodyOf(method, arity);
        if (remote != null) {
            ray.checkRefs(args);
            return remote.call(new RayRuntime.Call(body.name(), method, arity), args);
        }
        CompletableFuture<R> value = new CompletableFuture<>();
        ObjectRef<R> ref = ray.newRef(body.name(), value);
        if (diedBecause != null) {
            value.completeExceptionally(new ActorDiedError("actor " + name + " is dead (" + diedBecause
                    + "), so " + body.name() + " cannot run. Create a new actor, or give it Options.maxRestarts(n).", null));
            return ref;
        }
        synchronized (lock) {
            lastSubmitted = ray.whenResolved(args, lastSubmitted, resolved -> send(body, Body.pack(resolved), value), value);
        }
        return ref;
    }

    private Body bodyOf(Serializable method, int arity) {
        Body known = last;
        if (known.function() == method) {
            return known;
        }
        Pickle.dumps(method);
        String methodName = FunctionNames.of(method);
        Body fresh = new Body(name + "." + methodName.substring(methodName.lastIndexOf('.') + 1), method, arity, true);
        last = fresh;
        return fresh;
    }

    private <R> void send(Body body, Object argument, CompletableFuture<R> value) {
        try {
            worker.applyAsync(body, argument).future().whenComplete((result, failure) -> {
                if (failure == null) {
                    @SuppressWarnings("unchecked")
                    R typed = (R) result;
                    value.complete(typed);
                } else {
                    value.completeExceptionally(translated(body, Ray.unwrap(failure)));
                }
            });
        } catch (IllegalStateException poolStopped) {
            if (diedBecause == null) {
                throw poolStopped;
            }
            value.completeExceptionally(translated(body, new CancellationException(poolStopped.getMessage())));
        }
    }

    /** What a caller sees of a failed call: the method's own exception, or why the actor could not run it. */
    private Throwable translated(Body body, Throwable cause) {
        return switch (cause) {
            case BrokenWorkerError died -> new ActorDiedError("actor " + name + " lost its worker while it ran " + body.name()
                    + ": " + died.getMessage() + " " + afterDeath(died), died);
            case CancellationException stopped -> new ActorDiedError("actor " + name + " died before it ran " + body.name()
                    + ": " + diedBecause, stopped);
            default -> cause;
        };
    }

    /** Counts a worker's death once, however many calls it interrupted; restarts the actor or declares it dead. */
    private String afterDeath(BrokenWorkerError died) {
        synchronized (lock) {
            if (deadWorkers.add(died.workerPid()) && diedBecause == null) {
                if (restarts < maxRestarts) {
                    restarts++;
                } else {
                    diedBecause = "its worker died and maxRestarts=" + maxRestarts + " allows no more restarts";
                    worker.terminate();
                }
            }
            return diedBecause != null ? "The actor is dead: " + diedBecause + "."
                    : "The actor was restarted (" + restarts + " of maxRestarts=" + maxRestarts
                    + "): its constructor ran again in a fresh worker, so its state started over.";
        }
    }

    void kill(String reason) {
        if (remote != null) {
            remote.kill(reason);
            return;
        }
        synchronized (lock) {
            if (diedBecause == null) {
                diedBecause = reason;
            }
        }
        worker.terminate();
    }

    /** How often the actor was restarted after its worker died. */
    public int restarts() {
        if (remote != null) {
            return remote.restarts();
        }
        synchronized (lock) {
            return restarts;
        }
    }

    /** The process id of the actor's worker now (0 while there is none): for demos and tests that kill it. */
    public long workerPid() {
        if (remote != null) {
            return remote.workerPid();
        }
        List<Long> pids = worker.workerPids();
        return pids.isEmpty() ? 0 : pids.getFirst();
    }

    /** {@code Actor(Counter#1)}. */
    @Override
    public String toString() {
        return "Actor(" + name + (diedBecause != null ? ", dead: " + diedBecause : "") + ")";
    }
}
