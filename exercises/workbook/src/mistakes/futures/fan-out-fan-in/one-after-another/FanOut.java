package dev.rosetta.exercises.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: a chain of {@code thenCompose}, each call started when the one before has
 * answered. Nothing blocks and the order is right, but BROKEN: there is no fan-out. The services
 * are asked one after another, so the answer takes the sum of their times instead of the slowest
 * one's, however many threads the pool has.
 */
public class FanOut {

    public static CompletableFuture<List<String>> askAll(List<Service> services, String request, Executor executor) {
        CompletableFuture<List<String>> chain = CompletableFuture.completedFuture(List.of());
        for (Service service : services) {
            chain = chain.thenCompose(sofar -> CompletableFuture.supplyAsync(() -> service.call(request), executor)
                    .thenApply(answer -> {
                        var more = new ArrayList<>(sofar);
                        more.add(answer);
                        return List.copyOf(more);
                    }));
        }
        return chain;
    }
}
