package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Queue;
import dev.rosetta.asyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: the consumer catches a failing step, "so that it keeps going", and that is
 * all. BROKEN: the exception is lost: run() returns as if every item had been processed, one result
 * short, and nobody learns why. Keep the step's exception and throw it from run().
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
            Asyncio.gather(true, consumers).await();
        }
        return results;
    }
}
