package dev.rosetta.exercises.futures;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: {@code supplyAsync(supplier)}, without the executor. It works, and BROKEN:
 * the calls run on {@code ForkJoinPool.commonPool()} (or, on a machine with one or two cores, on
 * a new thread per task), not on the pool the caller sized for them. The common pool is shared by
 * every parallel stream and every async stage in the JVM, has about one thread per core, and
 * blocking service calls on it starve all of them.
 */
public class FanOut {

    public static CompletableFuture<List<String>> askAll(List<Service> services, String request, Executor executor) {
        List<CompletableFuture<String>> answers = services.stream()
                .map(service -> CompletableFuture.supplyAsync(() -> service.call(request)))
                .toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(allDone -> answers.stream().map(CompletableFuture::join).toList());
    }
}
