package dev.rosetta.multiprocessing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Some consecutive tasks of one call, sent to a worker as one message: Python's chunk. Its
 * future completes with the results in order, or with the first task's failure.
 *
 * <pre>
 *   QUEUED --claim() by a dispatcher--> SENT --worker died, retry--> QUEUED
 *   QUEUED --cancel()--> CANCELLED
 * </pre>
 * Once SENT a chunk can no longer be cancelled: it is in a worker's pipe, as a
 * {@code concurrent.futures} future is "running" once it is in the call queue.
 *
 * <p>Thread-safety: the fields are fixed at creation except {@link #state} (atomic),
 * {@link #attemptsLeft}, which only the results thread of the worker that held it changes, and
 * the send bookkeeping, written by the dispatcher before the chunk is sent.
 */
final class Chunk {
    final long id;
    final long functionId;
    final PicklableFunction<Object, Object> function;
    final List<Object> arguments;
    /** Index of the first argument in the whole call, for messages. */
    final int first;
    final CompletableFuture<List<Object>> result = new CompletableFuture<>();
    private static final int QUEUED = 0;
    private static final int SENT = 1;
    private static final int CANCELLED = 2;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
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

    /** A dispatcher takes the chunk to send it; false if it was cancelled meanwhile. */
    boolean claim() {
        return state.compareAndSet(QUEUED, SENT);
    }

    /** The chunk goes back to the queue (its worker died before answering, or was gone). */
    void requeue() {
        state.set(QUEUED);
    }

    /** Cancels it if no worker has it yet; whether it was cancelled now. */
    boolean cancel() {
        return state.compareAndSet(QUEUED, CANCELLED);
    }

    /** Whether a worker has it (or had it, if it is done). */
    boolean sent() {
        return state.get() == SENT;
    }

    String describe() {
        return arguments.size() == 1 ? "task " + first : "tasks " + first + ".." + (first + arguments.size() - 1);
    }
}
