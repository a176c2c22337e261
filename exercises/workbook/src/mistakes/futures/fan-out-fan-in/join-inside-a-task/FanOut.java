package dev.rosetta.exercises.futures;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: a task that fans out and then {@code join()}s the calls, on the same pool.
 * BROKEN: the outer task holds a pool thread while it waits for tasks queued behind it. With a
 * pool of one thread they never start: a deadlock, thread-starvation style, with no lock in sight.
 * With a bigger pool it merely wastes a thread per request, until enough requests at once use
 * every thread up. Combine futures with allOf/thenApply instead of blocking inside a task.
 */
public class FanOut {

    public static CompletableFuture<List<String>> askAll(List<Service> services, String request, Executor executor) {
        return CompletableFuture.supplyAsync(() -> {
            List<CompletableFuture<String>> answers = services.stream()
                    .map(service -> CompletableFuture.supplyAsync(() -> service.call(request), executor))
                    .toList();
            return answers.stream().map(CompletableFuture::join).toList();
        }, executor);
    }
}
