package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: each call wrapped in a catch that returns {@code null}, "so that one bad report
 * does not spoil the rest". BROKEN: the exception is lost; the caller gets a list with a
 * {@code null} in it and no idea why.
 */
public class Reports {
    public static List<String> fetchAll(List<String> ids, SlowBackend backend) {
        var tasks = new ArrayList<dev.rosetta.asyncio.Future<String>>();
        for (String id : ids) {
            tasks.add(Asyncio.createTask(() -> {
                try {
                    return Asyncio.toThread(() -> backend.fetch(id));
                } catch (RuntimeException e) {
                    return null; // one bad report should not spoil the rest
                }
            }));
        }
        return Asyncio.gather(tasks).await();
    }
}
