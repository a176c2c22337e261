package dev.rosetta.exercises.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: the answers combined pairwise, {@code reduce((a, b) -> a.thenCombine(b, ...))},
 * and {@code orElseThrow()} for the empty case "that never happens". Right for one service or many;
 * BROKEN for none: {@code askAll} throws {@code NoSuchElementException} instead of answering an
 * empty list. {@code allOf()} of no futures is complete at once: no special case needed.
 */
public class FanOut {
    public static CompletableFuture<List<String>> askAll(List<Service> services, String request, Executor executor) {
        return services.stream()
                .map(s -> CompletableFuture.supplyAsync(() -> s.call(request), executor).thenApply(List::of))
                .reduce((a, b) -> a.thenCombine(b, (x, y) -> { var all = new ArrayList<>(x); all.addAll(y); return (List<String>) all; }))
                .orElseThrow();
    }
}
