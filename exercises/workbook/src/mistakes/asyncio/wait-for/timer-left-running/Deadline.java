package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import java.time.Duration;

/**
 * Classic mistake: a timer that cancels the caller (as {@code asyncio.timeout} does), never
 * cancelled when the task finishes in time. BROKEN: waitFor returns the result, and when the
 * deadline passes later the timer cancels the caller at some unrelated await. Cancel the timer on
 * every way out, in a finally.
 */
public class Deadline {

    public static <T> T waitFor(Task<T> task, Duration timeout) {
        Task<?> caller = Asyncio.currentTask();
        boolean[] fired = {false};
        task.loop().callLater(timeout, () -> { fired[0] = true; caller.cancel(); });
        try {
            return task.await();
        } catch (CancelledError e) {
            if (!fired[0]) {
                throw e;
            }
            caller.uncancel();
            task.cancel();
            try {
                task.await();
            } catch (CancelledError ignored) {
            }
            throw new TimeoutError("timed out after " + timeout);
        }
    }
}
