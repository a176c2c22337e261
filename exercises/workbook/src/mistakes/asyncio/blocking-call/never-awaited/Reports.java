package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Classic mistake: tasks started and never awaited ("fire and forget"; in Python, a coroutine
 * called without await: "coroutine ... was never awaited"). BROKEN: fetchAll returns before any
 * report has arrived, and nobody notices the tasks' results or failures.
 */
public class Reports {

    public static List<String> fetchAll(List<String> ids, SlowBackend backend) {
        List<String> reports = new ArrayList<>(Collections.nCopies(ids.size(), null));
        for (int i = 0; i < ids.size(); i++) {
            int index = i;
            Asyncio.createTask(() -> reports.set(index, Asyncio.toThread(() -> backend.fetch(ids.get(index)))));
        }
        return reports;
    }
}
