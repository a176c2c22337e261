package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: a task that awaits each child in turn ({@code [await c for c in children]}).
 * The results come out right, but BROKEN: a failure is seen only when its turn comes, so a
 * failing child behind a slow one is reported late, or never if the slow one never ends.
 */
public class Gather {

    public static <T> Future<List<T>> gather(List<Future<T>> children) {
        return Asyncio.createTask(() -> {
            List<T> results = new ArrayList<>();
            for (Future<T> child : children) {
                results.add(child.await());
            }
            return results;
        });
    }
}
