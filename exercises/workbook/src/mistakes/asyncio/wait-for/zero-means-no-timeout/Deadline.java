package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.EventLoop;
import dev.rosetta.asyncio.Handle;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import java.time.Duration;

/**
 * Classic mistake: a timeout of zero (or less) taken to mean "no timeout", as 0 means for
 * {@code Socket.setSoTimeout}. BROKEN: in asyncio a deadline that has already passed is a timeout
 * now; with 0 as "forever", {@code wait_for(task, 0)} on a stuck task never returns.
 */
public class Deadline {

    public static <T> T waitFor(Task<T> task, Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            return task.await(); // 0: no timeout
        }
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
