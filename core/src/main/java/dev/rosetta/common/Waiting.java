package dev.rosetta.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a caller waiting for work on another thread or process gets back, the same in every row:
 * the failure the work ended with, unwrapped, and one answer to "what if the waiting caller is
 * interrupted?".
 *
 * <p><b>The interrupt policy.</b> A wait whose method cannot declare {@link InterruptedException}
 * (an iterator's {@code next()}, {@code Pool.map}, {@code loop.runUntilComplete}) that is
 * interrupted ends with a {@link CancellationException} from {@link #interrupted}, and the
 * thread's interrupt flag is set again so that the code above still sees it. In Python's terms
 * the interrupt is a request from outside to stop waiting — Ctrl-C raises
 * {@code KeyboardInterrupt} out of {@code pool.map}, a cancelled task gets
 * {@code CancelledError} at its {@code await} — never a time-out: a {@code TimeoutError} means
 * the time the caller gave ran out, which did not happen. Methods that can declare it
 * ({@code AsyncResult.get(timeout)}, the JDK's {@code Future.get}) throw
 * {@link InterruptedException} itself, as the JDK does. What happens to the work waited for is
 * each method's own business and is stated in its javadoc (usually: the tasks not yet started
 * are cancelled, the running ones go on, as in Python).
 *
 * <p><b>Unwrapping.</b> The JDK hands a task's exception over inside a
 * {@link CompletionException} ({@code join}, stages) or an {@link ExecutionException}
 * ({@code get}). Python raises the task's own exception; {@link #cause} and {@link #rethrowable}
 * do the same.
 *
 * <p>Thread-safety: stateless.
 */
public final class Waiting {
    private Waiting() {
    }

    /**
     * The exception the work itself raised: {@code failure} without its {@link CompletionException}
     * and {@link ExecutionException} wrappers (as many as there are).
     */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * {@link #cause} of {@code failure}, to be thrown where no checked exception may be: a
     * {@link RuntimeException} as it is, an {@link Error} thrown right here, a checked exception
     * inside a {@link CompletionException} (its cause is the task's exception).
     */
    public static RuntimeException rethrowable(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new CompletionException(cause);
    }

    /**
     * The interrupt policy (see the class comment): sets the current thread's interrupt flag
     * again and returns the {@link CancellationException} to throw, naming what the caller was
     * waiting for.
     *
     * @param waitingFor what the caller waited for, e.g. "result 3 of the map"
     */
    public static CancellationException interrupted(String waitingFor) {
        Thread.currentThread().interrupt();
        return new CancellationException("interrupted while waiting for " + waitingFor
                + " (the thread stays interrupted; Python: KeyboardInterrupt or CancelledError, not a timeout)");
    }
}
