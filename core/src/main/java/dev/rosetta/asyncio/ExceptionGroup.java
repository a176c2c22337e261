package dev.rosetta.asyncio;

import java.util.List;

/**
 * Python's {@code ExceptionGroup} as raised by {@code asyncio.TaskGroup}: every child's failure,
 * not just the first. The first one is also this exception's cause, for stack traces.
 *
 * <p>Thread-safety: immutable.
 */
public class ExceptionGroup extends RuntimeException {
    private final List<Throwable> exceptions;

    /** A group of one or more failures. */
    public ExceptionGroup(String message, List<Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")",
                exceptions.isEmpty() ? null : exceptions.getFirst());
        this.exceptions = List.copyOf(exceptions);
    }

    /** The failures, in the order they happened. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}
