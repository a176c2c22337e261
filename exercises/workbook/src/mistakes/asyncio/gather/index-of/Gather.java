package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Classic mistake: the callback finds its child's place with {@code children.indexOf(child)}.
 * BROKEN: indexOf finds the first place only; a future given twice fills its first slot twice
 * and leaves the other {@code null}. The place is the loop index at the time the callback is added.
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
                    results.set(children.indexOf(child), child.result());
                    if (++done[0] == children.size()) {
                        outer.setResult(results);
                    }
                }
            });
        }
        return outer;
    }
}
