package dev.rosetta.asyncio;

/**
 * Python's {@code TimeoutError} as raised by {@code asyncio.wait_for} and {@code asyncio.timeout}:
 * the awaited work did not finish in time, and it was cancelled (not left running).
 *
 * <p>Thread-safety: an ordinary immutable exception.
 */
public class TimeoutError extends RuntimeException {
    /** A timeout, with what timed out. */
    public TimeoutError(String message) {
        super(message);
    }
}
