package dev.rosetta.exercises.asyncio;

/**
 * A service with only a blocking client library, like {@code requests} or JDBC: each call holds
 * the calling thread until the answer comes. Used by {@code asyncio/blocking-call}; you do not edit it.
 */
@FunctionalInterface
public interface SlowBackend {
    /** Blocks the calling thread until the report {@code id} is ready, and returns it. */
    String fetch(String id) throws InterruptedException;
}
