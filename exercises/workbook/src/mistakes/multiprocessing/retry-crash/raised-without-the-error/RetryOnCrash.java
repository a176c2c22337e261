package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: report {@code Raised} without its exception, "we know it failed".
 * BROKEN: the task's own exception (raised again with its type, its cause a RemoteError with
 * the worker's stack trace) is all the caller has to find the bad input. An exception is never
 * turned into null.
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
            outcomes.add(outcome(pool, task, items.get(i), pending.get(i), maxAttempts));
        }
        return outcomes;
    }

    /** Waits for one item, submitting it again each time its worker dies, up to the limit. */
    private static <T, R> TaskOutcome<R> outcome(Pool pool, PicklableFunction<T, R> task, T item,
                                                 AsyncResult<R> first, int maxAttempts) {
        AsyncResult<R> attempt = first;
        for (int number = 1; ; number++) {
            try {
                return new TaskOutcome.Returned<>(attempt.get(), number);
            } catch (BrokenWorkerError died) {
                if (number == maxAttempts) {
                    return new TaskOutcome.Crashed<>(died, number);
                }
                attempt = pool.applyAsync(task, item);
            } catch (RuntimeException raised) {
                return new TaskOutcome.Raised<>(null, number);
            }
        }
    }
}
