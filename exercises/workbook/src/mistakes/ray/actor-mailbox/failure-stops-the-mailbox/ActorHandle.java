package dev.rosetta.exercises.ray;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Classic mistake: a call's exception is not caught. BROKEN: it escapes the drainer, whose
 * worker task dies with {@code draining} still true: the failed call's ref is never ready, and
 * no call made after it ever runs.
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
                value.complete(method.apply(actor)); // BAD: an exception escapes the drainer
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
        while (true) {
            Runnable next;
            synchronized (lock) {
                next = mailbox.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
    }
}
