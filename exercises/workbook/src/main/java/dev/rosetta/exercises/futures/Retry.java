package dev.rosetta.exercises.futures;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Exercise {@code futures/retry-backoff}: retry a flaky call, with exponential back-off, on an executor.
 *
 * <pre>
 * def with_retries(call, attempts=6, first=1.0, cap=5.0, retryable=(OSError,)):
 *     delay = first
 *     for attempt in range(1, attempts + 1):
 *         try:
 *             return call()
 *         except retryable:
 *             if attempt == attempts: raise
 *             time.sleep(delay); delay = min(2 * delay, cap)
 * future = pool.submit(with_retries, fetch_quote)
 * </pre>
 *
 * <p>{@link #retry} returns a future <b>at once</b>; every attempt (and every wait) runs on
 * {@code executor}, never on the caller's thread. The rules are in {@link Backoff}: after a failed
 * attempt wait {@code firstDelay}, then double the wait each time, <b>but never beyond
 * {@code maxDelay}</b>; try at most {@code attempts} times, and do not wait after the last one.
 * <ul>
 *   <li>a success completes the future with its result;</li>
 *   <li>a failure that {@code backoff.retryable()} rejects fails the future with it <b>at once</b>:
 *       trying again cannot fix a bad request;</li>
 *   <li>when every attempt has failed, the future fails with <b>the last exception itself</b>, the
 *       earlier ones attached to it with {@code addSuppressed}, oldest first: nothing is lost (the
 *       same for a failure that is not retryable after some that were);</li>
 *   <li>anything else the call throws, an {@code Error} too, fails the future with it: a future
 *       left pending for ever hangs its caller;</li>
 *   <li>a wait that is interrupted ({@code sleeper.sleep} throws {@code InterruptedException}) ends
 *       it: no more attempts, the future fails with that exception, and the thread's interrupt
 *       status is set again;</li>
 *   <li>once the caller has cancelled the future, no further attempt starts;</li>
 *   <li>the delays may be of any size: with {@code maxDelay} of {@code ChronoUnit.FOREVER} and many
 *       attempts, doubling must not overflow (compare before you double).</li>
 * </ul>
 * Wait only by calling {@code sleeper.sleep(delay)}: the test's sleeper notes the delays and returns at once.
 *
 * <p>Chapter: docs/futures.md. Hints: {@code ./rosetta learn hint futures/retry-backoff}.
 */
public class Retry {

    /** Calls {@code call} on {@code executor} until it succeeds, following {@code backoff}; its future. */
    public static <T> CompletableFuture<T> retry(Callable<T> call, Backoff backoff, Executor executor,
                                                 Sleeper sleeper) {
        // TODO one task on the executor: a loop of attempts, sleeper.sleep(delay) between them,
        //  completing a CompletableFuture you made (complete / completeExceptionally)
        throw new UnsupportedOperationException("TODO: retry is not written yet");
    }
}
