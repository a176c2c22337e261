package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Classic mistake: results appended as the children finish. BROKEN: gather's list is in the
 * order the awaitables were given; in completion order the caller cannot tell which result
 * belongs to which request.
 */
public class Gather {

    public static <T> Future<List<T>> gather(List<Future<T>> children) {
        Future<List<T>> outer = Asyncio.getRunningLoop().createFuture();
        List<T> results = new ArrayList<>();
        if (children.isEmpty()) {
            outer.setResult(results);
            return outer;
        }
        for (Future<T> child : children) {
            child.addDoneCallback(f -> {
                if (outer.isDone()) {
                    return;
                }
                if (f.isCancelled()) {
                    outer.cancel();
                    return;
                }
                if (f.exception() != null) {
                    outer.setException(f.exception());
                    return;
                }
                results.add(f.result());        // BROKEN: in the order they finish, not their places
                if (results.size() == children.size()) {
                    outer.setResult(results);
                }
            });
        }
        return outer;
    }
}
