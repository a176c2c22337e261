package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: a task per call, "so they run concurrently", each calling the blocking
 * library directly. BROKEN: a task runs on the loop's baton; a blocking call inside it holds
 * the baton, so the calls still run one at a time and every other task (the heartbeat) stops.
 */
public class Reports {

    /** Every report, in the order of {@code ids}, fetched concurrently without blocking the loop. Call from a coroutine. */
    public static List<String> fetchAll(List<String> ids, SlowBackend backend) throws Exception {
        var tasks = new ArrayList<Future<String>>();
        for (String id : ids) {
            tasks.add(Asyncio.createTask(() -> backend.fetch(id))); // BAD: blocks the loop thread
        }
        return Asyncio.gather(tasks).await();
    }
}
