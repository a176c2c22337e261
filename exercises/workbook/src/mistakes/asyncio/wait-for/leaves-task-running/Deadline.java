package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Future;
import dev.rosetta.asyncio.Handle;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import java.time.Duration;

/**
 * Classic mistake: race the task against a timer, and on timeout just throw. BROKEN: the task
 * is never cancelled. The caller has given up, but the work goes on, holding whatever it holds,
 * and its result or failure is never seen.
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
            throw new TimeoutError("not done within " + timeout);
        }
        return task.result();
    }
}
