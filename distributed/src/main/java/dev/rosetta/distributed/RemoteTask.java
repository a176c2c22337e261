package dev.rosetta.distributed;

import dev.rosetta.multiprocessing.Pickle;
import dev.rosetta.multiprocessing.PicklableCallable;
import dev.rosetta.multiprocessing.PicklingError;
import java.io.PrintWriter;
import java.io.Serial;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What a {@link Cluster} hands to Hazelcast's executor: the caller's task, run on a member. It
 * returns the task's result as it is (no wrapper to serialise: Hazelcast sends numbers and strings
 * in its own compact form), or, when the task raised, a {@link Raised}. Hazelcast would carry an
 * exception back itself, but a client sees only the JDK's and Hazelcast's own exception classes;
 * as a {@code Raised}, the task's own exception comes back whole, with the member's stack trace as
 * its cause (as CPython's process pools chain a {@code _RemoteTraceback}).
 *
 * @param task the caller's task
 * @param <T>  what it returns
 */
record RemoteTask<T>(PicklableCallable<T> task) implements Callable<Object>, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Runs the task on this member: its result, or a {@link Raised}; never throws for an exception of the task's. */
    @Override
    public Object call() {
        try {
            return task.call();
        } catch (Exception raised) {
            var trace = new StringWriter();
            raised.printStackTrace(new PrintWriter(trace));
            return new Raised(pickled(raised), raised.toString(), trace.toString(), Worker.current().self().toString());
        }
    }

    /** The exception's bytes, or null when it does not serialise (then only its text crosses). */
    private static byte[] pickled(Exception raised) {
        try {
            return Pickle.dumps(raised);
        } catch (PicklingError notSerialisable) {
            return null;
        }
    }

    /**
     * It raised: the exception's bytes (null if it did not serialise), its text, the member's stack
     * trace and the member's name.
     */
    record Raised(byte[] exception, String text, String trace, String member) implements Serializable {
        /**
         * The exception to raise in the caller: the task's own (read back through the allow-list of
         * the JDK's classes, this project's and the task's package), its cause a {@link RemoteTraceback};
         * the {@code RemoteTraceback} alone if the exception cannot come back.
         */
        Throwable reRaised(Object task) {
            var remote = new RemoteTraceback(text + " on " + member + "; its stack trace there:\n" + trace);
            if (exception == null) {
                return remote;
            }
            Object original;
            try {
                original = Pickle.loads(exception, Pickle.allowList(List.of(task.getClass().getPackageName() + ".*")));
            } catch (PicklingError refused) {
                return remote;
            }
            var crossed = (Throwable) original;
            if (crossed.getCause() == null) {
                try {
                    return crossed.initCause(remote);
                } catch (IllegalStateException causeFixed) {
                    // constructed with a null cause: it cannot be set any more
                }
            }
            crossed.addSuppressed(remote);
            return crossed;
        }
    }

    /**
     * A task's exception as its member saw it: CPython's {@code _RemoteTraceback}. The cause of the
     * task's own exception when that crosses back; raised in its place when it cannot (its class
     * does not serialise, or the allow-list refuses it).
     */
    static final class RemoteTraceback extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        RemoteTraceback(String message) {
            super(message, null, false, false);
        }
    }
}
