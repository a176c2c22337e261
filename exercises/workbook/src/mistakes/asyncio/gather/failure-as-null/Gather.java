package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Classic mistake: a failed child's slot is left {@code null} and the gather carries on,
 * "so that one failure does not spoil the others". BROKEN: the exception is lost; the caller gets
 * a list with a hole in it and no idea why, and does not learn of the failure until the last child
 * is done. gather fails with the first exception (use return_exceptions to collect them).
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
                if (!child.isCancelled() && child.exception() == null) {
                    results.set(index, child.result());
                }
                if (++done[0] == children.size()) {
                    outer.setResult(results);
                }
            });
        }
        return outer;
    }
}
