package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Queue;
import dev.rosetta.asyncio.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: {@code join()} and return, "the work is done". BROKEN: the consumers loop
 * forever and are still parked in {@code queue.get()}: tasks nobody will ever finish, which
 * asyncio.run cancels at the end with a warning, or which leak in a long-running server.
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
        for (int item : items) {
            queue.put(item);
        }
        queue.join();                   // BROKEN: and the consumers? still parked in queue.get()
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        return results;
    }
}
