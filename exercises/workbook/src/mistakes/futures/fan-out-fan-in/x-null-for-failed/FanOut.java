package dev.rosetta.exercises.futures;

import java.util.*;
import java.util.concurrent.*;

/** Independent wrong: a failed service answers null ("be robust"): the failure is turned into a value. */
public class FanOut {
    public static CompletableFuture<List<String>> askAll(List<Service> services, String request, Executor executor) {
        List<CompletableFuture<String>> calls = services.stream()
                .map(s -> CompletableFuture.supplyAsync(() -> s.call(request), executor).exceptionally(e -> null)).toList();
        return CompletableFuture.allOf(calls.toArray(new CompletableFuture[0]))
                .thenApply(v -> calls.stream().map(CompletableFuture::join).toList());
    }
}
