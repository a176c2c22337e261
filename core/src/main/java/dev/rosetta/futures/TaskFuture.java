package dev.rosetta.futures;

import dev.rosetta.trace.TraceClock;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Python's {@code concurrent.futures.Future} for a task run by a thread: a
 * {@link CompletableFuture} (so {@link Futures#asCompleted}, {@link Futures#wait} and every JDK
 * combinator work on it) whose {@link #cancel} keeps Python's rule.
 *
 * <pre>
 *   PENDING --a thread starts it--> RUNNING --returns / raises--> done
 *   PENDING --cancel()--> CANCELLED          (cancel() on RUNNING or done: false, nothing happens)
 * </pre>
 *
 * <p><b>The lesson.</b> Python cannot stop a running future: {@code cancel()} returns False and
 * the task goes on. Plain {@code CompletableFuture.cancel} returns true even then, yet does not
 * stop the task either (it only marks the future); {@code FutureTask.cancel(true)} interrupts the
 * thread, which stops the task only if it checks. Here, as in Python: false once running.
 *
 * <p>It is its own {@link Runnable}: the executor's queue holds the future itself, which is how
 * {@link Futures#shutdown} can cancel what is still queued.
 *
 * <p>While tracing is on it records its submit, and its run on the thread that ran it ({@link FutureTrace}).
 *
 * <p>Thread-safety: every method may be called from any thread; {@link #run} is called once, by
 * the executor.
 *
 * @param <T> the task's result
 */
public final class TaskFuture<T> extends CompletableFuture<T> implements Runnable {
    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int CANCELLED = 2;

    private final AtomicInteger state = new AtomicInteger(PENDING);
    private final Callable<? extends T> task;

    /** Its submit, when traced ({@link FutureTrace}); null when not. */
    private final FutureTrace.Submitted traced;

    TaskFuture(Callable<? extends T> task) {
        this.task = task;
        this.traced = FutureTrace.submitted();
    }

    /** Runs the task, unless it was cancelled first (then it does nothing). */
    @Override
    public void run() {
        if (!state.compareAndSet(PENDING, RUNNING)) {
            return;
        }
        long started = traced == null ? 0 : TraceClock.nowMicros();
        T value;
        try {
            value = task.call();
        } catch (Throwable failure) {
            if (traced != null) {
                traced.ran(started);
            }
            completeExceptionally(failure);
            return;
        }
        if (traced != null) {
            traced.ran(started);        // before complete(): callbacks run here
        }
        complete(value);
    }

    /**
     * Python's {@code cancel()}: cancels the task if it has not started, and says whether it is
     * cancelled. A running or finished task is not touched and the answer is false.
     *
     * @param mayInterruptIfRunning ignored, as {@code CompletableFuture} ignores it: a running
     *                              task is never interrupted
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (state.compareAndSet(PENDING, CANCELLED)) {
            return super.cancel(false);
        }
        return isCancelled();
    }

    /** Python's {@code running()}: a thread is running it now. */
    public boolean running() {
        return state.get() == RUNNING && !isDone();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
