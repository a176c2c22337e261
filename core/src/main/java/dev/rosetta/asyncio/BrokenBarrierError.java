package dev.rosetta.asyncio;

/**
 * Python's {@code asyncio.BrokenBarrierError} (a {@code RuntimeError}): a {@link Barrier} was
 * aborted or reset while tasks waited at it, or is broken and was waited on.
 *
 * <p>Unlike the JDK's {@link java.util.concurrent.BrokenBarrierException}, it is unchecked, as
 * every Python exception is. Thread-safety: an ordinary immutable exception.
 */
public class BrokenBarrierError extends IllegalStateException {
    /** The break, explained. */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
