package dev.rosetta.exercises.ray;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Classic mistake: one task per call, each running its call under the actor's lock. BROKEN: one
 * call at a time, yes, but in the order the workers take the tasks and win the lock, not the
 * order the calls were made: {@code deposit} then {@code withdraw} may run as withdraw, deposit.
 */
public final class ActorHandle<S> {
    private final S actor;
    private final Executor workers;
    private final Object lock = new Object();
    private final Queue<Runnable> mailbox = new ArrayDeque<>(); // guarded by lock
    private boolean draining; // guarded by lock
    private int calls; // guarded by lock

    public ActorHandle(S actor, Executor workers) {
        this.actor = actor;
        this.workers = workers;
    }

    public <R> ObjectRef<R> remote(Function<S, R> method) {
        var value = new CompletableFuture<R>();
        String name;
        synchronized (lock) {
            name = "call " + calls++;
        }
        workers.execute(() -> {
            synchronized (actor) { // BAD: one at a time, but whoever gets the lock first goes first
                run(name, method, value);
            }
        }); // BAD: one task per call, run whenever a worker takes it
        return ObjectRef.of(name, value);
    }

    private <R> void run(String name, Function<S, R> method, CompletableFuture<R> value) {
        try {
            value.complete(method.apply(actor));
        } catch (Throwable raised) {
            value.completeExceptionally(new RayTaskError(name, raised));
        }
    }
}
