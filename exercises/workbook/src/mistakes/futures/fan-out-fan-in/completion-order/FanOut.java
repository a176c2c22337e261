package dev.rosetta.exercises.futures;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Classic mistake: each answer appended to a shared list as it comes back. The list is
 * synchronized, so nothing is lost, but BROKEN: the answers are in the order the services
 * replied, which changes from run to run, and the caller cannot tell whose answer is whose.
 */
public class FanOut {

    public static CompletableFuture<List<String>> askAll(List<Service> services, String request, Executor executor) {
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<?>[] calls = services.stream()
                .map(service -> CompletableFuture.supplyAsync(() -> service.call(request), executor)
                        .thenAccept(answers::add))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(calls).thenApply(allDone -> List.copyOf(answers));
    }
}
