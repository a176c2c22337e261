package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Handle;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import java.time.Duration;

/**
 * Reference solution of {@code asyncio/wait-for}: a timer cancels the task; awaiting the task
 * then waits for the cancellation to finish (the task's cleanup runs in its own steps), and the
 * resulting {@code CancelledError} is turned into a {@code TimeoutError} only if our timer did it.
 * The timer is cancelled on every way out, so it cannot fire later.
 */
public class Deadline {

    public static <T> T waitFor(Task<T> task, Duration timeout) {
        boolean[] expired = {false};
        Handle timer = task.loop().callLater(timeout, () -> {
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
