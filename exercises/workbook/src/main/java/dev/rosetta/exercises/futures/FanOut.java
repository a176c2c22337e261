package dev.rosetta.exercises.futures;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Exercise {@code futures/fan-out-fan-in}: ask every service at once, then gather the answers.
 *
 * <pre>
 * futures = [pool.submit(service.call, request) for service in services]   # fan out
 * answers = [f.result() for f in futures]                                   # fan in
 * </pre>
 *
 * <p>{@link #askAll} returns a future <b>at once</b>, having handed one task per service to
 * {@code executor}: {@code CompletableFuture.supplyAsync(() -> service.call(request), executor)}.
 * The future completes with the answers <b>in the order of the services</b> (not the order they
 * came back; no services: an empty list), or fails with the exception of a service that failed, as
 * it is (not wrapped, and never a {@code null} answer in the list). {@code askAll} itself never
 * waits: no {@code join()} or {@code get()} in it. Combine with {@code allOf} and
 * {@code thenApply} (or pairwise with {@code thenCombine}); three things go wrong here classically:
 * <ul>
 *   <li>no executor: {@code supplyAsync(supplier)} runs on the JVM-wide common pool, which
 *       blocking calls starve for every other user;</li>
 *   <li>a task that {@code join()}s other tasks of the same pool: with a small pool, the tasks it
 *       waits for never get a thread (a deadlock);</li>
 *   <li>answers collected as they come back: the caller cannot tell whose answer is whose.</li>
 * </ul>
 *
 * <p>Chapter: docs/futures.md. Hints: {@code ./rosetta learn hint futures/fan-out-fan-in}.
 */
public class FanOut {

    /** Every service's answer to {@code request}, in the order of the services; each call a task on {@code executor}. */
    public static CompletableFuture<List<String>> askAll(List<Service> services, String request, Executor executor) {
        // TODO fan out: one supplyAsync(..., executor) per service; fan in: allOf(...).thenApply(...)
        throw new UnsupportedOperationException("TODO: askAll is not written yet");
    }
}
