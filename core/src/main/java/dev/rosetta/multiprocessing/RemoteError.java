package dev.rosetta.multiprocessing;

import java.io.Serial;
import java.io.Serializable;

/**
 * A task raised an exception in a worker process. The exception itself stays there (its class
 * might not even be loadable here); what crosses is its type, its message and the worker's
 * stack trace as text, shown after this exception's own trace — Python's {@code RemoteTraceback}.
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
