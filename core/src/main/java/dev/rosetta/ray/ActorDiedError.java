package dev.rosetta.ray;

import java.io.Serial;

/**
 * Ray's {@code ActorDiedError}: a call on an actor that is dead (killed with {@link Ray#kill},
 * its worker died with no restart left, or its cluster shut down), or a call that was running
 * when its worker died. The message names the actor and why it died.
 */
public final class ActorDiedError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    ActorDiedError(String message, Throwable cause) {
        super(message, cause);
    }
}
