package dev.rosetta.exercises.futures;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * How {@link Retry} retries (given; you do not edit it): at most {@code attempts} calls in all;
 * after a failed call, wait {@code firstDelay}, then twice that after the next failure, and so on,
 * but never longer than {@code maxDelay}; and only for failures that {@code retryable} accepts.
 *
 * <pre>
 * new Backoff(6, Duration.ofSeconds(1), Duration.ofSeconds(5), e -&gt; e instanceof IOException)
 *   call, 1 s, call, 2 s, call, 4 s, call, 5 s, call, 5 s, call   (then give up)
 * </pre>
 *
 * @param attempts   how many calls at most, the first included (1: no retry at all)
 * @param firstDelay the wait after the first failure
 * @param maxDelay   the longest wait, however many failures came before
 * @param retryable  whether a failure is worth another try (a timeout: yes; a bad request: no)
 */
public record Backoff(int attempts, Duration firstDelay, Duration maxDelay, Predicate<? super Exception> retryable) {
    /** Checks the numbers make sense. */
    public Backoff {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException(
                    "need 0 <= firstDelay <= maxDelay, were " + firstDelay + " and " + maxDelay);
        }
    }
}
