package dev.rosetta.ray;

import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.PicklableRunnable;
import java.io.Serial;

/**
 * The worker's side of an actor: the one instance its constructor made, kept in a static field
 * of the worker process. An actor has a worker process of its own (as in Ray), so one field is
 * enough; the {@link Construct} initializer fills it when the worker starts, and again in the
 * fresh worker that replaces a dead one (a restart: the state starts over).
 *
 * <p>Thread-safety: written once per process, by the initializer, before any call is read;
 * calls run one at a time on the worker's main thread.
 */
final class ActorHost {
    private static volatile Object self;

    private ActorHost() {
    }

    /** The actor instance of this worker process. */
    static Object self() {
        if (self == null) {
            throw new IllegalStateException("no actor lives in this worker process");
        }
        return self;
    }

    /** The pool initializer that joins the cluster, then runs the actor's constructor in the worker. */
    record Construct(Node.Join join, PicklableCallable<?> constructor) implements PicklableRunnable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public void run() throws Exception {
            join.run(); // the actor's worker is a node of the cluster too: its large results stay here
            self = constructor.call();
        }
    }
}
