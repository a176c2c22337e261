package dev.rosetta.exercises.futures;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: fan out properly, then {@code allOf(...).join()} inside {@code askAll} and
 * return a completed future. The answers are right, but BROKEN: the caller's thread waits for the
 * slowest service, so the future it gets is a formality; a caller on an event loop, or one that
 * wanted to ask two groups of services at once, is blocked. Return the combined future unwaited.
 */
public class FanOut {
    public static CompletableFuture<List<String>> askAll(List<Service> services, String request, Executor executor) {
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (Service s : services) {
            calls.add(CompletableFuture.supplyAsync(() -> s.call(request), executor));
        }
        CompletableFuture.allOf(calls.toArray(new CompletableFuture[0])).join();
        return CompletableFuture.completedFuture(calls.stream().map(CompletableFuture::join).toList());
    }
}
