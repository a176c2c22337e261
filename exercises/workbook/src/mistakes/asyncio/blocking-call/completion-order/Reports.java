package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: each task appends its report to a shared list when its call returns.
 * BROKEN: the list is in the order the calls finished, not the order of the ids; the caller
 * cannot tell which report belongs to which id. Gather keeps the order it was given.
 */
public class Reports {
    public static List<String> fetchAll(List<String> ids, SlowBackend backend) {
        var reports = new ArrayList<String>();
        var tasks = new ArrayList<dev.rosetta.asyncio.Future<Void>>();
        for (String id : ids) {
            tasks.add(Asyncio.createTask(() -> {
                reports.add(Asyncio.toThread(() -> backend.fetch(id)));
                return null;
            }));
        }
        Asyncio.gather(tasks).await();
        return reports;
    }
}
