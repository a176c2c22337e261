package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Task;
import java.time.Duration;

/**
 * Exercise {@code asyncio/wait-for}: write {@code asyncio.wait_for} yourself.
 *
 * <pre>
 * try:
 *     page = await asyncio.wait_for(fetch(url), timeout=1.0)
 * except TimeoutError:
 *     ...   # fetch() has been cancelled, and its cleanup (finally:) has already run
 * </pre>
 *
 * <p>{@link #waitFor} returns the task's result if it is done within {@code timeout}. If not,
 * it must <b>cancel</b> the task, <b>wait until the task has finished</b> (its {@code finally}
 * blocks have run), and only then throw {@link dev.rosetta.asyncio.TimeoutError}. A timeout that
 * leaves the task running is the classic bug: the work goes on, holding its sockets and locks.
 * The timer must never outlive the call. If the caller is cancelled, or someone else cancels the
 * task, that is a {@code CancelledError}, not a timeout. A timeout of zero or less times out at
 * once (a task already done still gives its result); one too long for the clock's {@code long}
 * (say {@code Duration.ofSeconds(Long.MAX_VALUE)}) never expires.
 * Do not use {@code Asyncio.waitFor} or {@code Asyncio.timeout}.
 *
 * <p>Tools: {@code task.loop().callLater(delay, callback)} returns a {@code Handle} you can
 * {@code cancel()}; {@code task.await()} throws {@code CancelledError} if the task was cancelled.
 * Chapter: docs/asyncio.md. Hints: {@code ./rosetta learn hint asyncio/wait-for}.
 */
public class Deadline {

    /** The task's result if it finishes within {@code timeout}; otherwise cancel it, wait for it, throw TimeoutError. */
    public static <T> T waitFor(Task<T> task, Duration timeout) {
        // TODO
        throw new UnsupportedOperationException("TODO: waitFor is not written yet");
    }
}
