package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: {@code toThread} in a loop, each awaited before the next starts
 * ({@code [await asyncio.to_thread(fetch, i) for i in ids]}). The loop no longer freezes, but
 * BROKEN: the calls run one after another, so n calls take n times as long.
 */
public class Reports {

    public static List<String> fetchAll(List<String> ids, SlowBackend backend) {
        var reports = new ArrayList<String>();
        for (String id : ids) {
            reports.add(Asyncio.toThread(() -> backend.fetch(id)));
        }
        return reports;
    }
}
