package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: at the limit, report {@code Crashed} with a null error, "the type says it
 * crashed; the exception adds nothing".
 * BROKEN: the BrokenWorkerError says which worker died, how (the signal, the exit code) and
 * what it held; without it the caller cannot tell an out-of-memory kill from a segfault. An
 * exception is never turned into null: keep the last one.
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
                    return new TaskOutcome.Crashed<>(null, number);
                }
                attempt = pool.applyAsync(task, item);
            } catch (RuntimeException raised) {
                return new TaskOutcome.Raised<>(raised, number);
            }
        }
    }
}
