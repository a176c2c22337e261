package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.EventLoop;
import dev.rosetta.asyncio.Handle;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import java.time.Duration;

/**
 * Reference solution of {@code asyncio/wait-for}: a timer cancels the task; awaiting the task
 * then waits for the cancellation to finish (the task's cleanup runs in its own steps), and the
 * resulting {@code CancelledError} is turned into a {@code TimeoutError} only if our timer did it:
 * the caller's own cancellation, or anyone else's, stays a cancellation. The timer is cancelled on
 * every way out, so it cannot fire later. A timeout whose end does not fit in the clock's
 * {@code long} never expires and gets no timer.
 */
public class Deadline {

    public static <T> T waitFor(Task<T> task, Duration timeout) {
        boolean[] expired = {false};
        Handle timer = timer(task.loop(), timeout, () -> {
            if (!task.isDone()) {
                expired[0] = true;
                task.cancel();
            }
        });
        try {
            return task.await();
        } catch (CancelledError e) {
            if (expired[0]) {
                throw new TimeoutError("not done within " + timeout);
            }
            throw e;
        } finally {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    /** A timer at now + {@code timeout}, or null when that is past the end of the clock: such a timeout never expires. */
    private static Handle timer(EventLoop loop, Duration timeout, Runnable expire) {
        try {
            return loop.callAt(Math.addExact(loop.time(), timeout.toNanos()), expire);
        } catch (ArithmeticException tooFar) { // toNanos or the sum overflowed a long
            return timeout.isNegative() ? loop.callSoon(expire) : null;
        }
    }
}
