package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: submit the item again after a crash — and go on waiting on the old
 * {@code AsyncResult}, the loop's variable never updated.
 * BROKEN: the new attempt runs, on a live worker, and returns; but nobody reads it. The old
 * result belongs to the dead worker and throws BrokenWorkerError again at once, so every
 * "attempt" is the same crash counted again, and the item ends as Crashed although it
 * succeeded. The result to wait on is the one {@code applyAsync} just returned.
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
                pool.applyAsync(task, item);
            } catch (RuntimeException raised) {
                return new TaskOutcome.Raised<>(raised, number);
            }
        }
    }
}
