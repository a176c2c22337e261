package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Classic mistake: the done callback asks every child for its {@code exception()}.
 * BROKEN: a cancelled child has no exception; {@code exception()} throws {@code CancelledError}
 * inside the callback, the loop reports it, and the outer future is never completed: whoever awaits
 * the gather waits forever. Check {@code isCancelled()} first, and cancel the gather.
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
                Throwable error = child.exception();
                if (error != null) {
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
