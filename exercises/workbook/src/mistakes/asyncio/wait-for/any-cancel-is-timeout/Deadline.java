package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Handle;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import java.time.Duration;

/**
 * Classic mistake: every cancellation of the task that is not the caller's own is taken for a
 * timeout. BROKEN: when someone else cancels the task (a shutdown, a TaskGroup), the caller gets
 * {@code TimeoutError}, and retries what was deliberately stopped. Only a cancellation made by our
 * own timer is a timeout: remember that the timer fired.
 */
public class Deadline {

    public static <T> T waitFor(Task<T> task, Duration timeout) {
        Handle timer = task.loop().callLater(timeout, task::cancel);
        try {
            return task.await();
        } catch (CancelledError e) {
            if (Asyncio.currentTask().cancelling() > 0) {
                throw e; // we were cancelled ourselves
            }
            throw new TimeoutError("timed out after " + timeout);
        } finally {
            timer.cancel();
        }
    }
}
