package dev.rosetta.ray;

import java.io.Serial;

/**
 * Ray's {@code ObjectLostError}: the value of a ref lived in a worker's object store, and that
 * worker is gone (or no longer has it). A ref made by a task is rebuilt from its lineage (the
 * task runs again) before this reaches you; this error means it could not be: the value came
 * from {@link Ray#put} or an actor call (no task to re-run), or re-running failed too.
 */
public final class ObjectLostError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Where the lost value was: so that the driver knows which argument to rebuild. */
    private final Node.Stored stored;

    ObjectLostError(String message, Node.Stored stored, Throwable cause) {
        super(message, cause);
        this.stored = stored;
    }

    Node.Stored stored() {
        return stored;
    }
}
