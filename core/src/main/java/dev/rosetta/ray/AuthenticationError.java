package dev.rosetta.ray;

import java.io.Serial;

/**
 * Python's {@code multiprocessing.AuthenticationError}: a connection to a node's object server
 * did not prove it holds the cluster's secret token (or the server did not prove it to the
 * client). The message says which side refused and why.
 */
public final class AuthenticationError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    AuthenticationError(String message) {
        super(message);
    }
}
