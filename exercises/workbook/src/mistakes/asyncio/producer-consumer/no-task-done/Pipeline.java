package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Queue;
import dev.rosetta.asyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: consumers that never call {@code taskDone()}. BROKEN: {@code join()} waits for
 * the count of unfinished items to reach zero, and it never does: the pipeline hangs.
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
                    results.add(step.apply(item));
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
