package dev.rosetta.exercises.ray;

/**
 * Ray's {@code RayTaskError}: the task raised an exception of its own, which is the cause.
 * Running it again would, most likely, raise again. You do not edit it.
 *
 * <p>Thread-safety: immutable after construction.
 */
public final class RayTaskError extends RuntimeException {
    /** The task {@code task} raised {@code cause}. */
    public RayTaskError(String task, Throwable cause) {
        super(task + " raised " + cause, cause);
    }
}
