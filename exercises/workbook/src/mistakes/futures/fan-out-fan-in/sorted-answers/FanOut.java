package dev.rosetta.exercises.futures;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Classic mistake: the answers gathered as they come back, then {@code sorted()} "to put them in
 * order". BROKEN: that is alphabetical order, not the order of the services; it happens to match
 * when the answers start with the service's number, and not otherwise. Keep the futures in a list
 * in the order of the services, and read them in that order.
 */
public class FanOut {
    public static CompletableFuture<List<String>> askAll(List<Service> services, String request, Executor executor) {
        List<String> answers = new CopyOnWriteArrayList<>();
        CompletableFuture<?>[] calls = services.stream()
                .map(s -> CompletableFuture.supplyAsync(() -> s.call(request), executor).thenAccept(answers::add))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(calls).thenApply(v -> answers.stream().sorted().toList());
    }
}
