package dev.rosetta.multiprocessing;

import java.io.Serial;
import java.io.Serializable;

/**
 * The worker's side of a task's failure: its type, its message and the worker's stack trace as
 * text — Python's {@code RemoteTraceback}.
 *
 * <p>As in CPython, the pool raises the task's own exception again when it can cross: an
 * unchecked exception that serialises in the worker and whose class this side's allow-list
 * admits ({@code catch (IllegalArgumentException e)} works as {@code except ValueError} does);
 * this error is then its cause, as CPython chains {@code RemoteTraceback} as
 * {@code __cause__}. When the exception cannot cross (a checked exception, which Java's
 * {@code map} cannot throw; an {@code Error}; a class that does not serialise or that the
 * allow-list refuses), this error is raised in its place, naming the type.
 */
public final class RemoteError extends RuntimeException implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private final String remoteType;
    private final String remoteTrace;

    /** The error a worker reports for {@code failure}, thrown by the task {@code task}. */
    static RemoteError of(Throwable failure, String task) {
        var trace = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(trace));
        return new RemoteError(failure.getClass().getName(), task + " raised " + failure, trace.toString());
    }

    /** The task's exception as bytes, to send it back whole; null if it does not serialise. */
    static byte[] pickled(Throwable failure) {
        if (!(failure instanceof RuntimeException)) {
            return null;
        }
        try {
            return Pickle.dumps(failure);
        } catch (PicklingError notSerialisable) {
            return null;
        }
    }

    /**
     * What the pool raises for a task that failed: its own exception when it crosses, with this
     * error as its cause (or, if it already has a cause, among its suppressed ones); else this error.
     */
    static RuntimeException reRaised(byte[] exception, String type, String message, String trace,
                                     java.io.ObjectInputFilter filter) {
        var remote = new RemoteError(type, message, trace);
        if (exception == null) {
            return remote;
        }
        Object original;
        try {
            original = Pickle.loads(exception, filter);
        } catch (PicklingError refused) {
            return remote;
        }
        if (!(original instanceof RuntimeException crossed)) {
            return remote;
        }
        if (crossed.getCause() == null) {
            try {
                crossed.initCause(remote);
                return crossed;
            } catch (IllegalStateException causeFixed) {
                // constructed with a null cause: it cannot be set any more
            }
        }
        crossed.addSuppressed(remote);
        return crossed;
    }

    RemoteError(String remoteType, String message, String remoteTrace) {
        super(message, null, false, true);
        this.remoteType = remoteType;
        this.remoteTrace = remoteTrace;
    }

    /** The class name of the exception the task raised in the worker. */
    public String remoteType() {
        return remoteType;
    }

    /** The worker's stack trace, as text. */
    public String remoteTrace() {
        return remoteTrace;
    }

    @Override
    public String toString() {
        return super.toString() + "\n--- the worker's stack trace ---\n" + remoteTrace.strip();
    }
}
