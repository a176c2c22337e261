package dev.rosetta.exercises.ray;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Classic mistake: the drainer takes what is in the mailbox when it starts, runs it, and then
 * says it is done without looking again. BROKEN: a call made while it ran saw {@code draining}
 * true and started no drainer; it stays in the mailbox for ever.
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
        boolean startDrainer;
        synchronized (lock) {
            name = "call " + calls++;
            mailbox.add(() -> {
                try {
                    value.complete(method.apply(actor));
                } catch (Throwable raised) {
                    value.completeExceptionally(new RayTaskError(name, raised));
                }
            });
            startDrainer = !draining;
            draining = true;
        }
        if (startDrainer) {
            workers.execute(this::drain);
        }
        return ObjectRef.of(name, value);
    }

    private void drain() {
        java.util.List<Runnable> batch;
        synchronized (lock) {
            batch = new java.util.ArrayList<>(mailbox);
            mailbox.clear();
        }
        batch.forEach(Runnable::run);
        synchronized (lock) {
            draining = false; // BAD: a call made while the batch ran is left in the mailbox
        }
    }
}
