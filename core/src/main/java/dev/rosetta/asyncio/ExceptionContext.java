package dev.rosetta.asyncio;

/**
 * What the loop's exception handler receives: Python's {@code context} dict
 * ({@code {"message": ..., "exception": ..., "future": ...}}). The handler runs on the loop thread.
 *
 * <p>Thread-safety: immutable (the future it names is loop-only).
 *
 * @param message   what went wrong, e.g. "Task exception was never retrieved"
 * @param exception the exception, or null
 * @param future    the task or future concerned, or null for a plain callback
 */
public record ExceptionContext(String message, Throwable exception, Future<?> future) {
}
