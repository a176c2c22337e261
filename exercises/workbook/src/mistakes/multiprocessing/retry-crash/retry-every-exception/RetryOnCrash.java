package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: "a failure is a failure: try again", catching every exception.
 * BROKEN: an exception other than BrokenWorkerError comes from the task's own code, which raises the same way on any
 * worker; running it again only repeats the failure (and any side effect it had) maxAttempts
 * times. Only a BrokenWorkerError — the process died, not the task — is worth another attempt.
 */
public final class RetryOnCrash {
    private RetryOnCrash() {
    }

    public static <T, R> List<TaskOutcome<R>> runAll(Pool pool, PicklableFunction<T, R> task, List<T> items,
                                                     int maxAttempts) {
        var pending = new ArrayList<AsyncResult<R>>(items.size());
        for (T item : items) {
            pending.add(pool.applyAsync(task, item));
        }
        var outcomes = new ArrayList<TaskOutcome<R>>(items.size());
        for (int i = 0; i < items.size(); i++) {
            AsyncResult<R> attempt = pending.get(i);
            for (int number = 1; ; number++) {
                try {
                    outcomes.add(new TaskOutcome.Returned<>(attempt.get(), number));
                    break;
                } catch (RuntimeException failed) {
                    if (number == maxAttempts) {
                        outcomes.add(failed instanceof BrokenWorkerError died ? new TaskOutcome.Crashed<>(died, number)
                                : new TaskOutcome.Raised<>(failed, number));
                        break;
                    }
                    attempt = pool.applyAsync(task, items.get(i));
                }
            }
        }
        return outcomes;
    }
}
