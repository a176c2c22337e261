package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Queue;
import dev.rosetta.asyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference solution of {@code asyncio/producer-consumer}: a bounded queue, consumers that loop
 * forever and mark each item done, {@code join()} to know every item was processed, then cancel
 * the consumers and wait until they have stopped.
 */
public class Pipeline {

    public static List<Integer> run(List<Integer> items, int workers, Step step) {
        var queue = new Queue<Integer>(workers);
        var results = new ArrayList<Integer>();
        var consumers = new ArrayList<Task<Void>>();
        for (int i = 0; i < workers; i++) {
            consumers.add(Asyncio.createTask("consumer-" + i, () -> {
                while (true) {
                    int item = queue.get();
                    try {
                        results.add(step.apply(item));
                    } finally {
                        queue.taskDone();
                    }
                }
            }));
        }
        for (int item : items) {
            queue.put(item);
        }
        queue.join();
        consumers.forEach(Task::cancel);
        Asyncio.gather(true, consumers).await();
        return results;
    }
}
