package dev.rosetta.multiprocessing;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Some consecutive tasks of one call, sent to a worker as one message: Python's chunk. Its
 * future completes with the results in order, or with the first task's failure.
 *
 * <p>Thread-safety: the fields are fixed at creation except {@link #attemptsLeft}, which only
 * the results thread of the worker that held it changes.
 */
final class Chunk {
    final long id;
    final long functionId;
    final PicklableFunction<Object, Object> function;
    final List<Object> arguments;
    /** Index of the first argument in the whole call, for messages. */
    final int first;
    final CompletableFuture<List<Object>> result = new CompletableFuture<>();
    int attemptsLeft;
    /** When it was last sent, and how many chunks its worker then held (itself included). */
    long sentAt;
    int sharedWith;

    Chunk(long id, long functionId, PicklableFunction<Object, Object> function, List<Object> arguments, int first,
          int retries) {
        this.id = id;
        this.functionId = functionId;
        this.function = function;
        this.arguments = arguments;
        this.first = first;
        this.attemptsLeft = retries;
    }

    String describe() {
        return arguments.size() == 1 ? "task " + first : "tasks " + first + ".." + (first + arguments.size() - 1);
    }
}
