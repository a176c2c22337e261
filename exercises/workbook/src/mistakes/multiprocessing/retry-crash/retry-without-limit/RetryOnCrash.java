package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.BrokenWorkerError;
import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: "a dead worker is never the task's fault: retry until it works".
 * BROKEN: some tasks kill every worker they run on (a segfaulting library, an input that
 * exhausts memory). Without a limit such a "poison" task is run again for ever, killing a
 * worker each time, and runAll never returns. Count the attempts; after maxAttempts, report
 * the task as Crashed.
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
            int number = 1;
            while (true) {
                try {
                    outcomes.add(new TaskOutcome.Returned<>(attempt.get(), number));
                    break;
                } catch (BrokenWorkerError died) {
                    number++;
                    attempt = pool.applyAsync(task, items.get(i));
                } catch (RuntimeException raised) {
                    outcomes.add(new TaskOutcome.Raised<>(raised, number));
                    break;
                }
            }
        }
        return outcomes;
    }
}
