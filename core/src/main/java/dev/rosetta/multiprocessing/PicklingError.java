package dev.rosetta.multiprocessing;

import java.io.Serial;

/**
 * Something could not be turned into bytes to cross to another process, or was refused on the
 * way back in: Python's {@code pickle.PicklingError} / {@code UnpicklingError}. The message names
 * the object and the rule.
 */
public final class PicklingError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with its explanation and cause. */
    public PicklingError(String message, Throwable cause) {
        super(message, cause);
    }
}
