package dev.rosetta.multiprocessing;

import dev.rosetta.common.Waiting;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The result of {@link Pool#applyAsync} or {@link Pool#mapAsync}, later: Python's {@code AsyncResult}, with
 * {@code get(timeout)}, {@code ready()}, {@code successful()} and {@code wait()}.
 *
 * <p>Thread-safety: every method may be called from any thread.
 *
 * @param <R> the task's result
 */
public final class AsyncResult<R> {
    private final CompletableFuture<R> future;
    private final Pool pool;
    /** The chunks it waits for: one for applyAsync, all of the call's for mapAsync. */
    private final List<Chunk> chunks;

    AsyncResult(CompletableFuture<R> future, Pool pool, List<Chunk> chunks) {
        this.future = future;
        this.pool = pool;
        this.chunks = List.copyOf(chunks);
    }

    /**
     * Cancels the task if no worker has taken it yet — an addition: Python's {@code AsyncResult}
     * cannot cancel, its {@code concurrent.futures} cousin can, with this rule. True if it is
     * (now or already) cancelled; false once a worker has it, or it is done: a task in another
     * process cannot be stopped half-way.
     */
    public boolean cancel() {
        boolean all = true;
        for (Chunk chunk : chunks) {
            all &= pool.cancel(chunk);
        }
        return all;
    }

    /** Whether a worker has taken the task and it has not finished: Python's {@code Future.running()}. */
    public boolean running() {
        return chunks.stream().anyMatch(chunk -> chunk.sent() && !chunk.result.isDone());
    }

    /** Whether it was cancelled before any worker took it. */
    public boolean cancelled() {
        return !chunks.isEmpty() && chunks.stream().allMatch(chunk -> chunk.result.isCancelled());
    }

    /** The result; waits for it. Throws what the task raised (its own exception with a {@link RemoteError} cause, see there) or {@link BrokenWorkerError}. */
    public R get() {
        try {
            return future.get();
        } catch (ExecutionException | CancellationException e) {
            throw Waiting.rethrowable(e);
        } catch (InterruptedException e) {
            throw Waiting.interrupted("the result of an apply/map (it goes on in the pool)");
        }
    }

    /** The result, waiting at most {@code timeout}: Python's {@code get(timeout)}. */
    public R get(long timeout, TimeUnit unit) throws TimeoutException, InterruptedException {
        try {
            return future.get(timeout, unit);
        } catch (ExecutionException e) {
            throw Waiting.rethrowable(e);
        }
    }

    /** Waits until the task is done, at most {@code timeout}; whether it is. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            future.get(timeout, unit);
        } catch (ExecutionException | CancellationException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
        return true;
    }

    /** Whether the task is done (returned or raised). */
    public boolean ready() {
        return future.isDone();
    }

    /**
     * Whether it returned normally.
     *
     * @throws IllegalStateException if it is not done yet (Python raises ValueError)
     */
    public boolean successful() {
        if (!ready()) {
            throw new IllegalStateException("the task is not done yet: call ready() or await() first");
        }
        return !future.isCompletedExceptionally();
    }

    /** The same result as a JDK future, to compose with {@code CompletableFuture} methods. */
    public CompletableFuture<R> future() {
        return future;
    }
}
