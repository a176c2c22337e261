package dev.rosetta.exercises.asyncio;

/**
 * One item's work in {@code asyncio/producer-consumer}: called by a consumer task, and may
 * await (it is part of a coroutine). You do not edit it.
 */
@FunctionalInterface
public interface Step {
    /** Processes {@code item}; runs inside a consumer task. */
    int apply(int item);
}
