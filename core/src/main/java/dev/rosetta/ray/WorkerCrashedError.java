package dev.rosetta.ray;

import java.io.Serial;

/**
 * Ray's {@code WorkerCrashedError}: the worker running a task died each time it was tried, and
 * the task's {@code maxRetries} are used up. The cause is the last worker's death.
 */
public final class WorkerCrashedError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    WorkerCrashedError(String message, Throwable cause) {
        super(message, cause);
    }
}
