package dev.rosetta.exercises.futures;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reference solution of {@code futures/fan-out-fan-in}: one {@code supplyAsync} per service on
 * the given executor (fan out), then {@code allOf} to wait for all of them without blocking a
 * thread, and {@code thenApply} to read the answers in the order of the list (fan in). Nothing
 * waits inside a task: the combining step runs on the thread that completes the last answer,
 * so even a pool of one thread is enough.
 */
public class FanOut {

    public static CompletableFuture<List<String>> askAll(List<Service> services, String request, Executor executor) {
        List<CompletableFuture<String>> answers = services.stream()
                .map(service -> CompletableFuture.supplyAsync(() -> service.call(request), executor))
                .toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(allDone -> answers.stream().map(CompletableFuture::join).toList());
    }
}
