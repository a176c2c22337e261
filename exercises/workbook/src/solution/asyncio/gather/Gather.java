package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reference solution of {@code asyncio/gather}: one done callback per child writes the result
 * into the child's own slot and counts; the last one completes the outer future. The first
 * failure completes it at once. The callbacks all run on the loop thread, one at a time, so a
 * plain counter is safe.
 */
public class Gather {

    public static <T> Future<List<T>> gather(List<Future<T>> children) {
        Future<List<T>> outer = children.isEmpty()
                ? Asyncio.getRunningLoop().createFuture()
                : children.getFirst().loop().createFuture();
        if (children.isEmpty()) {
            outer.setResult(List.of());
            return outer;
        }
        List<T> results = new ArrayList<>(Collections.nCopies(children.size(), null));
        int[] done = {0};
        for (int i = 0; i < children.size(); i++) {
            int index = i;
            children.get(i).addDoneCallback(child -> {
                if (outer.isDone()) {
                    return;
                }
                Throwable error = child.isCancelled() ? null : child.exception();
                if (child.isCancelled()) {
                    outer.cancel();
                } else if (error != null) {
                    outer.setException(error);
                } else {
                    results.set(index, child.result());
                    if (++done[0] == children.size()) {
                        outer.setResult(results);
                    }
                }
            });
        }
        return outer;
    }
}
