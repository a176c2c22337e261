package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Queue;
import dev.rosetta.asyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: one consumer task, whatever {@code workers} says. BROKEN: the items are
 * processed one at a time; while a step awaits, nothing else progresses.
 */
public class Pipeline {

    public static List<Integer> run(List<Integer> items, int workers, Step step) {
        var queue = new Queue<Integer>(workers);
        var results = new ArrayList<Integer>();
        var failures = new ArrayList<RuntimeException>();
        var consumers = new ArrayList<Task<Void>>();
        for (int i = 0; i < 1; i++) {  // BROKEN: workers is ignored
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
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        return results;
    }
}
