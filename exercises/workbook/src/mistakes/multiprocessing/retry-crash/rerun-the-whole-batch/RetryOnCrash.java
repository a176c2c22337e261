package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: "if anything crashed, run the batch again", the way one re-runs a failed
 * {@code pool.map}.
 * BROKEN: the tasks that had already returned are thrown away and run again — their work is
 * done twice, and so is every side effect they have (a row written, a mail sent). Only the task
 * the dead worker held was lost; keep the results that are in and submit that one again.
 */
public final class RetryOnCrash {
    private RetryOnCrash() {
    }

    public static <T, R> List<TaskOutcome<R>> runAll(Pool pool, PicklableFunction<T, R> task, List<T> items,
                                                     int maxAttempts) {
        for (int number = 1; ; number++) {
            var pending = new ArrayList<AsyncResult<R>>(items.size());
            for (T item : items) {
                pending.add(pool.applyAsync(task, item));
            }
            var outcomes = new ArrayList<TaskOutcome<R>>(items.size());
            boolean crashed = false;
            for (AsyncResult<R> result : pending) {
                try {
                    outcomes.add(new TaskOutcome.Returned<>(result.get(), number));
                } catch (BrokenWorkerError died) {
                    crashed = true;
                    outcomes.add(new TaskOutcome.Crashed<>(died, number));
                } catch (RuntimeException raised) {
                    outcomes.add(new TaskOutcome.Raised<>(raised, number));
                }
            }
            if (!crashed || number == maxAttempts) {
                return outcomes;
            }
        }
    }
}
