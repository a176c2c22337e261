package dev.rosetta.exercises.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Classic mistake: submit all, then {@code get()} each in turn; the first {@code get()} that
 * throws ends it. BROKEN: a failure is seen only when its turn comes. Task 1 fails at once, but
 * {@code get()} on task 0 waits for task 0 first, however long it takes; and when the failure
 * finally comes out, nothing is cancelled: the tasks still queued all run, for nothing.
 */
public class FailFast {

    public static <T> List<T> runAll(ExecutorService executor, List<Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(executor.submit(task));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
