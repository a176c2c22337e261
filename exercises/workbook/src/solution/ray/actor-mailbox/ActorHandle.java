package dev.rosetta.exercises.ray;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Reference solution of {@code ray/actor-mailbox}. Calls wait in a mailbox; at most one task on
 * the workers drains it ({@code draining} says whether one is on its way or running). The drainer
 * takes the calls one by one and runs them on its own thread, so they run in order and never
 * overlap; it gives up its worker only when, under the lock, it finds the mailbox empty, and a
 * call made after that moment starts a new drainer. Each call catches what it throws into its
 * ref, so a failing call does not stop the drainer.
 *
 * <p>Thread-safety: {@code mailbox}, {@code draining} and {@code calls} are guarded by
 * {@code lock}; {@code actor} is touched only by the drainer, one drainer at a time, each
 * handing over to the next through the lock (happens-before).
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
