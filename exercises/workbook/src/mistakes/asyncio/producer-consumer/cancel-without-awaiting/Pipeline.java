package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Queue;
import dev.rosetta.asyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: the consumers are cancelled and run() returns at once. BROKEN: cancel()
 * only asks; each consumer stops at its next step, after run() has returned, so the caller goes on
 * while the consumer tasks are still alive. Await them (gather with returnExceptions) after cancelling.
 */
public class Pipeline {

    public static List<Integer> run(List<Integer> items, int workers, Step step) {
        var queue = new Queue<Integer>(workers);
        var results = new ArrayList<Integer>();
        var failures = new ArrayList<RuntimeException>();
        var consumers = new ArrayList<Task<Void>>();
        for (int i = 0; i < workers; i++) {
            consumers.add(Asyncio.createTask("consumer-" + i, () -> {
                while (true) {
                    int item = queue.get();
                    try {
                        results.add(step.apply(item));
                    } catch (CancelledError e) {
                        throw e; // this consumer is being stopped: not a failure of the step
                    } catch (RuntimeException e) {
                        failures.add(e); // kept for the caller; this consumer goes on with the next item
                    } finally {
                        queue.taskDone();
                    }
                }
            }));
        }
        try {
            for (int item : items) {
                queue.put(item);
            }
            queue.join();
        } finally {
            consumers.forEach(Task::cancel);
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        return results;
    }
}
