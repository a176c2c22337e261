package dev.rosetta.asyncio;

/**
 * Python's {@code asyncio.InvalidStateError}: asking a pending future for its result, or
 * setting the result of a future that is already done.
 *
 * <p>Thread-safety: an ordinary immutable exception.
 */
public class InvalidStateError extends IllegalStateException {
    /** The misuse, explained. */
    public InvalidStateError(String message) {
        super(message);
    }
}
