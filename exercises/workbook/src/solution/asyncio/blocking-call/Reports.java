package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference solution of {@code asyncio/blocking-call}: each blocking call goes to a pool thread
 * through {@code Asyncio.toThread}, inside a task of its own so that they are all in flight at
 * once, and gather awaits them all in order. The loop thread never blocks.
 */
public class Reports {

    public static List<String> fetchAll(List<String> ids, SlowBackend backend) {
        var tasks = new ArrayList<Future<String>>();
        for (String id : ids) {
            tasks.add(Asyncio.createTask(() -> Asyncio.toThread(() -> backend.fetch(id))));
        }
        return Asyncio.gather(tasks).await();
    }
}
