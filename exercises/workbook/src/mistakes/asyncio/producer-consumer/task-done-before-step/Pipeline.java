package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Queue;
import dev.rosetta.asyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: {@code task_done()} called as soon as the item is taken, "it has been
 * handled". BROKEN: {@code join()} counts items marked done, so it returns while the last items are
 * still being processed; run() then cancels the consumers in the middle of those steps, and their
 * results are lost. Mark an item done after its step, in a finally.
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
                    queue.taskDone(); // got it: mark it done
                    try {
                        results.add(step.apply(item));
                    } catch (CancelledError e) {
                        throw e;
                    } catch (RuntimeException e) {
                        failures.add(e);
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
