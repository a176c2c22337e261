package dev.rosetta.asyncio;

import java.util.concurrent.CancellationException;

/**
 * Python's {@code asyncio.CancelledError}: thrown out of an await point of a task that was
 * cancelled, and out of {@link Future#result()} of a cancelled future.
 *
 * <p>The idea: cancellation is cooperative and is delivered only where the code awaits. A task
 * may catch it to clean up, but should let it propagate (Python's rule too). It extends
 * {@link CancellationException} so that JDK code recognises it.
 *
 * <p>Thread-safety: an ordinary immutable exception.
 */
public class CancelledError extends CancellationException {
    /** A cancellation with an optional message ({@code task.cancel(msg)}). */
    public CancelledError(String message) {
        super(message);
    }
}
