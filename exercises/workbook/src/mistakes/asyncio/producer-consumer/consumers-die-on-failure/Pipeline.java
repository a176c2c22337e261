package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Queue;
import dev.rosetta.asyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: a step's exception ends its consumer task, to be reported by the gather at
 * the end. BROKEN: every consumer that meets a failing item dies; when all of them have, nobody
 * takes the remaining items, and put() or join() waits forever: one bad batch hangs the pipeline.
 * Catch the step's exception inside the consumer loop, keep it, and go on.
 */
public class Pipeline {

    public static List<Integer> run(List<Integer> items, int workers, Step step) {
        var queue = new Queue<Integer>(workers);
        var results = new ArrayList<Integer>();
        var consumers = new ArrayList<Task<Void>>();
        var stopped = new ArrayList<Object>();
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
        try {
            for (int item : items) {
                queue.put(item);
            }
            queue.join();
        } finally {
            consumers.forEach(Task::cancel);
            stopped.addAll(Asyncio.gather(true, consumers).await());
        }
        for (Object outcome : stopped) {
            if (outcome instanceof RuntimeException e && !(outcome instanceof CancelledError)) {
                throw e;
            }
        }
        return results;
    }
}
