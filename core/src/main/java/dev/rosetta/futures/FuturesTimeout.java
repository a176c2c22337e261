package dev.rosetta.futures;

import java.io.Serial;

/**
 * Python's {@code concurrent.futures.TimeoutError}: the time given to {@code as_completed} or
 * {@code result} ran out; the message says how many futures were still unfinished. Unchecked,
 * like Python's.
 */
public final class FuturesTimeout extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** A time-out with its explanation. */
    public FuturesTimeout(String message) {
        super(message);
    }
}
