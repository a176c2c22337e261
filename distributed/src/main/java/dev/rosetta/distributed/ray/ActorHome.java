package dev.rosetta.distributed.ray;

import dev.rosetta.distributed.Worker;
import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.Pickle;
import dev.rosetta.multiprocessing.PicklingError;
import dev.rosetta.ray.RayRuntime;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The member's side of an actor: its instance, kept in the member's memory
 * ({@link Worker#local()}) under the actor's key, and the three things a driver asks of it —
 * construct, run a batch of calls, discard. The instance lives and dies with the member's JVM:
 * nothing of it is in the store, so a member's death ends it (Ray's actors are the same).
 *
 * <p>Thread-safety: a batch runs its calls one after another on one executor thread; the
 * driver sends an actor's next batch only when the last one has come back
 * ({@link HazelcastActor}), so no two calls of one actor ever run at once.
 */
final class ActorHome {
    private ActorHome() {
    }

    /** Runs the constructor on this member and keeps the instance; returns the member's pid. */
    record Construct(String key, PicklableCallable<?> constructor) implements PicklableCallable<Long> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Long call() throws Exception {
            Worker.current().local().put(key, constructor.call());
            return ProcessHandle.current().pid();
        }
    }

    /** One call as it travels: the method, its arguments (values and {@link Stored} keys), its result's store key. */
    record WireCall(RayRuntime.Call call, List<Object> args, String key) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    /** A call that raised: the exception (or, if it does not serialise, its text and stack trace). */
    record Raised(Throwable error) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        static Raised of(Exception raised) {
            try {
                Pickle.dumps(raised);
                return new Raised(raised);
            } catch (PicklingError notSerialisable) {
                var text = new RuntimeException(raised + " (its class does not serialise, so only its text came back)");
                text.setStackTrace(raised.getStackTrace());
                return new Raised(text);
            }
        }
    }

    /**
     * Runs {@code calls} on the actor, in order, one at a time; each outcome is the result (a
     * {@link Stored} if large) or a {@link Raised}: a call that raises does not stop the next.
     */
    record Calls(String key, List<WireCall> calls) implements PicklableCallable<ArrayList<Object>> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public ArrayList<Object> call() {
            Object self = Worker.current().local().get(key);
            if (self == null) {
                throw new IllegalStateException("actor " + key + " does not live on " + Worker.current().self()
                        + ": it was discarded (ray.kill), or this member is not the one it was created on");
            }
            var outcomes = new ArrayList<>(calls.size());
            for (WireCall wire : calls) {
                try {
                    outcomes.add(Stored.keep(wire.key(), wire.call().invoke(self, Stored.resolve(wire.args()))));
                } catch (Exception raised) {
                    outcomes.add(Raised.of(raised));
                }
            }
            return outcomes;
        }
    }

    /** Forgets the instance ({@code ray.kill}); returns whether there was one. */
    record Discard(String key) implements PicklableCallable<Boolean> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean call() {
            return Worker.current().local().remove(key) != null;
        }
    }
}
