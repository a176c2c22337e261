package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: submit one item, wait for it (retrying as needed), then the next, "so a
 * crash is easy to handle".
 * BROKEN: the outcomes are right, but only one worker ever works: the items run one after
 * another, and the pool is no faster than one process. Submit every item first, then walk the
 * results in order; only the item whose worker died is submitted again.
 */
public final class RetryOnCrash {
    private RetryOnCrash() {
    }

    public static <T, R> List<TaskOutcome<R>> runAll(Pool pool, PicklableFunction<T, R> task, List<T> items,
                                                     int maxAttempts) {
        var outcomes = new ArrayList<TaskOutcome<R>>(items.size());
        for (T item : items) {
            outcomes.add(outcome(pool, task, item, pool.applyAsync(task, item), maxAttempts));
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
                return new TaskOutcome.Raised<>(raised, number);
            }
        }
    }
}
