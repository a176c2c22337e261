package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference solution of {@code multiprocessing/retry-crash}.
 *
 * <p>Every item is submitted first, so both workers are busy. Then the results are collected in
 * input order, and each failure is read for what it says: a {@link BrokenWorkerError} says only
 * that the process died, so that one item (and no other) is
 * submitted again, until {@code maxAttempts} attempts have crashed; any other exception is the
 * task's own (raised here again with its type), which would raise again, so it is reported
 * after one attempt. Results already in are
 * kept: a crash costs the lost task, never the finished ones.
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
                return new TaskOutcome.Raised<>(raised, number);
            }
        }
    }
}
