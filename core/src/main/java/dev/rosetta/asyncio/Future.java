package dev.rosetta.asyncio;

import dev.rosetta.common.Waiting;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Python's {@code asyncio.Future}: a result that is not there yet, bound to one loop.
 *
 * <p>The idea: a task that needs a value it does not have {@linkplain #await() awaits} a future;
 * the task is parked and the loop runs something else; whoever produces the value calls
 * {@link #setResult}, which schedules the future's done callbacks, one of which wakes the task.
 *
 * <pre>
 *   PENDING --setResult/setException--> FINISHED
 *      \------------cancel()-----------> CANCELLED
 * </pre>
 *
 * <p>Thread-safety: <b>loop-only</b>. Every method must be called on the loop's thread, that is
 * from a task or a callback of the loop that owns it. From any other thread, go through
 * {@link EventLoop#callSoonThreadsafe} (as {@link Asyncio#toThread} does). Done callbacks are
 * never run inline: they are scheduled with {@link EventLoop#callSoon} and run on the loop thread.
 * Unlike {@link java.util.concurrent.CompletableFuture} there is no lock and no volatile: the
 * single loop thread is the synchronisation.
 *
 * <p>Exceptions: {@link #result()} and {@link #await()} rethrow the exception the future was
 * given, as Python does; a checked exception comes wrapped in a {@link CompletionException},
 * so that coroutine code stays free of {@code throws} clauses.
 *
 * <p>Which Future: this is asyncio's, bound to one loop and awaited by its tasks. The JDK's
 * {@link java.util.concurrent.Future} and {@link java.util.concurrent.CompletableFuture} are
 * thread-safe and block threads: Python's {@code concurrent.futures.Future}, which
 * {@link Asyncio#runCoroutineThreadsafe} returns. In a file that needs both, import this one and
 * spell the JDK's out.
 *
 * @param <T> the result type
 */
public class Future<T> {
    private enum State { PENDING, CANCELLED, FINISHED }

    final EventLoop loop;
    // INVARIANT: state moves only away from PENDING, once. Confined to the loop thread.
    private State state = State.PENDING;
    private T result;
    private Throwable exception;
    private String cancelMessage;
    private List<Consumer<? super Future<T>>> callbacks;
    /** An exception nobody has looked at yet: reported to the exception handler at close. */
    boolean exceptionUnretrieved;

    /** A pending future on {@code loop} (Python: {@code loop.create_future()}). */
    public Future(EventLoop loop) {
        this.loop = loop;
    }

    /** The loop this future belongs to. */
    public EventLoop loop() {
        return loop;
    }

    /** Whether it has a result, an exception, or was cancelled. */
    public boolean isDone() {
        return state != State.PENDING;
    }

    /** Whether it was cancelled. */
    public boolean isCancelled() {
        return state == State.CANCELLED;
    }

    /**
     * The result; throws the future's exception, {@link CancelledError} if it was cancelled, or
     * {@link InvalidStateError} if it is still pending (Python: {@code fut.result()}).
     */
    public T result() {
        switch (state) {
            case PENDING -> throw new InvalidStateError("Result is not ready: " + this);
            case CANCELLED -> throw new CancelledError(cancelMessage);
            default -> {
                if (exception != null) {
                    retrieved();
                    throw Waiting.rethrowable(exception);
                }
                return result;
            }
        }
    }

    /** The exception it finished with, or null; throws if pending or cancelled. */
    public Throwable exception() {
        if (state == State.PENDING) {
            throw new InvalidStateError("Exception is not set: " + this);
        }
        if (state == State.CANCELLED) {
            throw new CancelledError(cancelMessage);
        }
        retrieved();
        return exception;
    }

    /** Completes it with {@code value} and schedules its done callbacks. Loop-only. */
    public void setResult(T value) {
        checkPending();
        result = value;
        state = State.FINISHED;
        scheduleCallbacks();
    }

    /** Completes it with {@code error} and schedules its done callbacks. Loop-only. */
    public void setException(Throwable error) {
        if (error instanceof CancelledError) {
            throw new IllegalArgumentException("use cancel() rather than setException(CancelledError)");
        }
        finishWithException(error);
    }

    /**
     * {@link #setException} without the guard against a {@link CancelledError}: Python's
     * {@code gather} finishes its outer future this way when a child is cancelled, so that the
     * outer future reports {@code cancelled() == False} and {@code exception()} returns the error.
     */
    void finishWithException(Throwable error) {
        checkPending();
        exception = error;
        state = State.FINISHED;
        exceptionUnretrieved = true;
        loop.exceptionSet(this);
        scheduleCallbacks();
    }

    /**
     * Copies this done future's outcome (result, exception or cancellation) into the pending
     * {@code target}, marking the exception retrieved here: it is {@code target}'s to report now.
     */
    void copyOutcomeTo(Future<? super T> target) {
        if (state == State.CANCELLED) {
            target.cancel(cancelMessage);
        } else if (exception != null) {
            retrieved();
            target.finishWithException(exception);
        } else {
            target.setResult(result);
        }
    }

    /**
     * Cancels it if still pending, scheduling its done callbacks; whoever awaits it gets a
     * {@link CancelledError}. False if it was already done. Loop-only.
     */
    public boolean cancel() {
        return cancel(null);
    }

    /** {@link #cancel()} with a message for the {@link CancelledError}. */
    public boolean cancel(String message) {
        if (state != State.PENDING) {
            return false;
        }
        state = State.CANCELLED;
        cancelMessage = message;
        scheduleCallbacks();
        return true;
    }

    /**
     * Calls {@code callback} with this future once it is done, on the loop thread, through
     * {@link EventLoop#callSoon} (at once if already done). Loop-only.
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        if (state != State.PENDING) {
            loop.callSoon(() -> callback.accept(this));
            return;
        }
        if (callbacks == null) {
            callbacks = new ArrayList<>(1);
        }
        callbacks.add(callback);
    }

    /** Removes every registration of {@code callback}; how many there were. Loop-only. */
    public int removeDoneCallback(Consumer<? super Future<T>> callback) {
        if (callbacks == null) {
            return 0;
        }
        int before = callbacks.size();
        callbacks.removeIf(c -> c == callback);
        return before - callbacks.size();
    }

    /**
     * Python's {@code await fut}: suspends the calling task until this future is done, then
     * returns its result (or throws its exception). The only place a task gives up the loop,
     * and so the only place it can be cancelled. Must be called from a task of this loop.
     */
    public T await() {
        if (state == State.PENDING) {
            Task.requireCurrent(loop, "await").suspendOn(this);
        }
        return result();
    }

    private void checkPending() {
        if (state != State.PENDING) {
            throw new InvalidStateError("future is already " + state.name().toLowerCase() + ": " + this);
        }
    }

    private void retrieved() {
        if (exceptionUnretrieved) {
            exceptionUnretrieved = false;
            loop.exceptionRetrieved(this);
        }
    }

    private void scheduleCallbacks() {
        if (callbacks == null) {
            return;
        }
        for (var callback : callbacks) {
            loop.callSoon(() -> callback.accept(this));
        }
        callbacks = null;
    }

    String stateName() {
        return state.name().toLowerCase();
    }

    @Override
    public String toString() {
        return "<Future " + stateName() + (exception != null ? " exception=" + exception : "") + ">";
    }
}
