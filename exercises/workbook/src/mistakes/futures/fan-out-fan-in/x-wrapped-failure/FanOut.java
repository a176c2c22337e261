package dev.rosetta.exercises.futures;

import java.util.*;
import java.util.concurrent.*;

/** Independent wrong: a failure is wrapped in a new exception of its own: the caller's catch no longer matches. */
public class FanOut {
    public static CompletableFuture<List<String>> askAll(List<Service> services, String request, Executor executor) {
        List<CompletableFuture<String>> calls = services.stream()
                .map(s -> CompletableFuture.supplyAsync(() -> s.call(request), executor)).toList();
        return CompletableFuture.allOf(calls.toArray(new CompletableFuture[0])).handle((v, e) -> {
            if (e != null) throw new IllegalStateException("a service failed", e);
            return calls.stream().map(CompletableFuture::join).toList();
        });
    }
}
