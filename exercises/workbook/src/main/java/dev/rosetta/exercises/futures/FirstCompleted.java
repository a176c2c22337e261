package dev.rosetta.exercises.futures;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * Exercise {@code futures/first-completed}: write {@code wait(fs, timeout, return_when=FIRST_COMPLETED)}.
 *
 * <pre>
 * done, not_done = wait(futures, timeout=None, return_when=FIRST_COMPLETED)
 * for f in done: handle(f.result())        # then wait again for not_done
 * </pre>
 *
 * <p>{@link #waitFirstCompleted} blocks until <b>at least one</b> future has finished (with a
 * result, an exception or a cancellation) and returns at once then, without waiting for the
 * others. It splits the futures into {@code done}, <b>every</b> future finished by the time it
 * returns (several may be: some were done before the call, or finished together), and
 * {@code notDone}, the rest. While nothing has finished the caller must <b>sleep</b>, not ask
 * the futures {@code isDone()} over and over.
 *
 * <p>{@code timeout} bounds the wait, as in Python: {@code null} means no limit; when it passes
 * with nothing finished, return the split anyway ({@code done} empty), do not throw. It may be of
 * any size: {@code Duration.ZERO} only looks and returns at once, and {@code ChronoUnit.FOREVER}
 * is too big for {@code toNanos()} or {@code toMillis()} (they throw): wait without a limit then.
 * No futures: return at once, both sets empty. A future given twice is one future. Interrupted
 * while it waits, the method throws {@code InterruptedException}.
 * Do not use {@code Futures.wait}, {@code Futures.asCompleted} or {@code CompletableFuture.anyOf}:
 * build it from {@code whenComplete} and something a thread can sleep on.
 *
 * <p>The callbacks run on whichever threads complete the futures.
 * Chapter: docs/futures.md. Hints: {@code ./rosetta learn hint futures/first-completed}.
 */
public class FirstCompleted {

    /**
     * Sleeps until one of the futures has finished, or {@code timeout} has passed ({@code null}: no
     * limit); then every finished one in done, the others in notDone.
     */
    public static <T> DoneAndNotDone<T> waitFirstCompleted(Collection<CompletableFuture<T>> futures, Duration timeout)
            throws InterruptedException {
        // TODO sleep (a CountDownLatch?) until a whenComplete callback says one has finished,
        //  then split the futures by isDone()
        throw new UnsupportedOperationException("TODO: waitFirstCompleted is not written yet");
    }
}
