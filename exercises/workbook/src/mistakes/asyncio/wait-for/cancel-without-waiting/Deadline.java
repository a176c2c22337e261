package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Future;
import dev.rosetta.asyncio.Handle;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import java.time.Duration;

/**
 * Classic mistake: on timeout, {@code task.cancel()} and throw at once. BROKEN: cancel() only
 * <em>asks</em>; the task stops at its next step, later. When the caller sees the timeout the
 * task's cleanup has not run yet, so the caller may reuse a connection the task still holds.
 * (Python's {@code wait_for} waits for the cancelled task to finish.)
 */
public class Deadline {

    public static <T> T waitFor(Task<T> task, Duration timeout) {
        Future<Void> first = task.loop().createFuture();
        Handle timer = task.loop().callLater(timeout, () -> {
            if (!first.isDone()) {
                first.setResult(null);
            }
        });
        task.addDoneCallback(t -> {
            if (!first.isDone()) {
                first.setResult(null);
            }
        });
        first.await();
        timer.cancel();
        if (!task.isDone()) {
            task.cancel();
            throw new TimeoutError("not done within " + timeout);
        }
        return task.result();
    }
}
