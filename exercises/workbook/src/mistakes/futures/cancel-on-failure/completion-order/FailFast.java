package dev.rosetta.exercises.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Classic mistake: an {@code ExecutorCompletionService} (the JDK's as_completed), the results
 * appended as the futures come out of it. Failures are seen at once and the rest cancelled, but
 * BROKEN: the results are in the order the tasks finished, not the order they were given, so
 * the caller cannot tell which result belongs to which task.
 */
public class FailFast {

    public static <T> List<T> runAll(ExecutorService executor, List<Callable<T>> tasks)
            throws InterruptedException, ExecutionException {
        var completion = new ExecutorCompletionService<T>(executor);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(completion.submit(task));
        }
        List<T> results = new ArrayList<>();
        try {
            for (int i = 0; i < tasks.size(); i++) {
                results.add(completion.take().get());
            }
        } catch (ExecutionException | InterruptedException e) {
            futures.forEach(f -> f.cancel(false));
            throw e;
        }
        return results;
    }
}
