package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
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
        var consumers = new ArrayList<Task<Void>>();
        for (int i = 0; i < 1; i++) {
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
