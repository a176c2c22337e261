package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.BrokenWorkerError;

/**
 * What became of one task in {@code multiprocessing/retry-crash}: it returned, it raised an
 * exception of its own, or its worker died on every attempt. You do not edit it.
 *
 * @param <R> the task's result
 */
public sealed interface TaskOutcome<R> {
    /** How many times the task was submitted: 1 means it was not run again. */
    int attempts();

    /** The task returned {@code value}, on its attempt number {@code attempts}. */
    record Returned<R>(R value, int attempts) implements TaskOutcome<R> {
    }

    /**
     * The task raised an exception of its own (raised here again with its type, the worker's
     * trace as its cause): reported, not run again (it would raise again).
     */
    record Raised<R>(RuntimeException error, int attempts) implements TaskOutcome<R> {
    }

    /** The worker died under the task on every one of its {@code attempts}; {@code error} is the last one. */
    record Crashed<R>(BrokenWorkerError error, int attempts) implements TaskOutcome<R> {
    }
}
