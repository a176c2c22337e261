package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Handle;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import java.time.Duration;

/**
 * Classic mistake: the deadline computed as now plus the timeout, whatever the timeout.
 * BROKEN: {@code loop.time() + Duration.ofNanos(Long.MAX_VALUE).toNanos()} overflows to a deadline in
 * the past, so "wait practically forever" times out at once (and {@code ofSeconds(Long.MAX_VALUE)}
 * throws ArithmeticException). A timeout past the end of the clock never expires: no timer at all.
 */
public class Deadline {

    public static <T> T waitFor(Task<T> task, Duration timeout) {
        boolean[] expired = {false};
        long deadline = task.loop().time() + timeout.toNanos(); // BROKEN: overflows for a practically infinite timeout
        Handle timer = task.loop().callAt(deadline, () -> {
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
            timer.cancel();
        }
    }
}
