package dev.rosetta.exercises.ray;

import java.util.List;

/**
 * What {@code ray.wait} returns: {@code ready, not_ready = ray.wait(refs, num_returns=2)}. Each
 * list keeps the order the refs were given in. You do not edit it.
 *
 * @param ready    the refs found ready, at most {@code num_returns} of them
 * @param notReady every other ref given
 * @param <T>      the values' type
 */
public record WaitResult<T>(List<ObjectRef<T>> ready, List<ObjectRef<T>> notReady) {
    /** Copies both lists. */
    public WaitResult {
        ready = List.copyOf(ready);
        notReady = List.copyOf(notReady);
    }
}
