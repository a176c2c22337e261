package dev.rosetta.exercises.ray;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Classic mistake: {@code remote} runs the call at once, on the caller's thread, and returns a
 * ready ref. BROKEN: the caller waits for every call (nothing runs in the background), and two
 * callers run the actor's methods at once, on their own threads.
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
            drain(); // BAD: on the caller's thread
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
