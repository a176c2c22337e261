package dev.rosetta.exercises.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.ThreadReport;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code futures/fan-out-fan-in}. The contract, one test each:
 * <ul>
 *   <li>{@code askAll} returns at once, having handed every call to the executor, and never
 *       waits itself: the caller gets a future, not a wait;</li>
 *   <li>the answers come in the order of the services, not the order they came back in (nor
 *       sorted);</li>
 *   <li>every call runs on the executor given, not the common pool;</li>
 *   <li>no task waits for another, so a pool of one thread is enough;</li>
 *   <li>a failing service fails the whole answer with its own exception (not wrapped, not a
 *       {@code null} in the list);</li>
 *   <li>no services: an empty answer, at once; one service: its answer.</li>
 * </ul>
 * The test's pool ({@link GatedPool}) runs a task only when the test lets it, newest first when
 * the services must answer in the reverse order.
 */
@TimeLimit(seconds = 10)
class FanOutTest {
    private static final String POOL = "fan-out-pool";
    private static final String REQUEST = "price of tea";
    /** How long three quick calls may take before the test calls askAll stuck. */
    private static final Duration STUCK = TimeLimits.scaled(Duration.ofSeconds(2));

    /**
     * Every call is handed to the executor before askAll returns; the services then answer in the
     * reverse order (the test's pool runs the newest task first, one at a time), and the answers
     * still come back in the order of the services.
     */
    @Test
    @DisplayName("fans out at once, and the answers come back in the order of the services")
    void answersInTheOrderOfTheServices() throws Exception {
        var log = new Calls();
        var pool = new GatedPool(1, POOL, GatedPool.Order.NEWEST_FIRST);
        var caller = Background.start("fan-out-caller", () -> FanOut.askAll(log.services(3), REQUEST, pool));
        try {
            if (!Sleeping.returnsWithoutWaiting(caller)) {
                fail("askAll did not return, and waited, while the services had not been called yet: it must return"
                        + " its future at once and let the caller decide when to wait. Nothing in askAll may join()"
                        + " or get() (combine with allOf and thenApply instead).");
            }
            caller.rethrowFailure("askAll");
            CompletableFuture<List<String>> answers = caller.result();
            int handedOut = pool.queued();
            if (handedOut == 0) {
                fail("askAll returned without handing a single task to the executor it was given (3 services): the calls"
                        + " went elsewhere. supplyAsync(supplier) without an executor runs on the common pool; pass it:"
                        + " supplyAsync(() -> service.call(request), executor)");
            }
            if (handedOut < 3) {
                fail("when askAll returned it had handed " + handedOut + (handedOut == 1 ? " task" : " tasks")
                        + " to the executor, for 3 services."
                        + " Fan out first: one supplyAsync(() -> service.call(request), executor) per service, all of"
                        + " them before askAll returns; then combine the futures. (A task that asks the services one"
                        + " after another, or that waits for them inside itself, is not a fan-out.)");
            }
            pool.open();
            assertEquals(List.of(answer(0), answer(1), answer(2)), resultOf(answers, "3 services answering at once"),
                    "the services answered in the order 2, 1, 0 (" + log.callOrder() + "): askAll must put each answer"
                            + " in its service's place, whatever the order they came back in (sorting the answers"
                            + " does not do it: keep the futures in a list, in the order of the services, and read"
                            + " them in that order)");
        } finally {
            if (caller.thread().isAlive()) {
                pool.open(); // the calls askAll waits for: let them answer, so that it can end
                caller.finish();
            }
            pool.shutdownNow();
            pool.close();
        }
    }

    /** The calls run on the executor given to askAll, not on the common pool. */
    @Test
    @DisplayName("the calls run on the executor it is given, not the common pool")
    void runsOnTheGivenExecutor() throws Exception {
        var log = new Calls();
        try (ExecutorService pool = Executors.newFixedThreadPool(2, named(POOL, new ArrayList<>()))) {
            resultOf(FanOut.askAll(log.services(3), REQUEST, pool), "3 services on a pool of 2 threads");
        }
        for (String thread : log.threads()) {
            if (!thread.startsWith(POOL)) {
                fail("a service was called on thread '" + thread + "', not on the executor given to askAll."
                        + " supplyAsync(supplier) without an executor runs on ForkJoinPool.commonPool() (or on a new"
                        + " thread per task when the machine has few cores): a pool the whole JVM shares, sized for"
                        + " computing, where blocking calls starve everyone else. Pass the executor:"
                        + " supplyAsync(supplier, executor).");
            }
        }
    }

    /** Nothing blocks inside a task, so a pool of one thread is enough for any number of services. */
    @Test
    @TimeLimit(seconds = 5)
    @DisplayName("a pool of one thread is enough: no task waits for another")
    void aPoolOfOneThreadIsEnough() throws Exception {
        var log = new Calls();
        var threads = Collections.synchronizedList(new ArrayList<Thread>());
        ExecutorService pool = Executors.newFixedThreadPool(1, named(POOL, threads));
        try {
            CompletableFuture<List<String>> answers = FanOut.askAll(log.services(3), REQUEST, pool);
            try {
                List<String> expected = List.of(answer(0), answer(1), answer(2));
                List<String> got = answers.get(STUCK.toMillis(), TimeUnit.MILLISECONDS);
                if (got != null && !got.equals(expected) && Set.copyOf(got).equals(Set.copyOf(expected))) {
                    fail("3 services on a pool of one thread answered in their own order, and askAll gave " + got
                            + ": every answer is there, but not in its service's place (sorting the answers does not"
                            + " do it: read the futures in the order of the services)");
                }
                assertEquals(expected, got, "3 services on a pool of one thread");
            } catch (TimeoutException e) {
                fail("deadlock: on a pool of one thread, askAll's answer was not there " + STUCK.toMillis() + " ms"
                        + " later. The pool's only thread is inside a task that waits (join/get) for tasks queued"
                        + " behind it on the same pool, which therefore never start. Never block inside a task:"
                        + " combine the futures (allOf, thenApply, thenCombine). The pool's thread:\n"
                        + ThreadReport.of(threads));
            } catch (ExecutionException e) {
                throw new AssertionError("askAll's future failed with " + e.getCause(), e.getCause());
            }
        } finally {
            pool.shutdownNow().forEach(Runnable::run); // the queued calls, so that a task waiting for them can end
            pool.awaitTermination(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** When one service fails, the combined answer fails with that service's exception. */
    @Test
    @DisplayName("a service that fails fails the whole answer")
    void aFailingServiceFailsTheAnswer() throws Exception {
        var down = new IllegalStateException("service 1 is down");
        var log = new Calls();
        List<Service> services = new ArrayList<>(log.services(3));
        services.set(1, request -> {
            throw down;
        });
        try (ExecutorService pool = Executors.newFixedThreadPool(3, named(POOL, new ArrayList<>()))) {
            CompletableFuture<List<String>> answers;
            try {
                answers = FanOut.askAll(services, REQUEST, pool);
            } catch (RuntimeException e) {
                throw new AssertionError("askAll threw " + e + " itself, instead of returning a future that fails with"
                        + " it: askAll did not return, and waited for the services (a join() or get() inside askAll)."
                        + " Return the combined future at once; its failure reaches whoever waits on it.", e);
            }
            try {
                List<String> got = answers.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS);
                fail("service 1 threw " + down + ", yet askAll's future succeeded with " + got);
            } catch (ExecutionException e) {
                assertSame(down, e.getCause(), "service 1 threw " + down + ": askAll's future must fail with it");
            } catch (TimeoutException e) {
                fail("service 1 failed at once, yet askAll's future was not done " + TimeLimits.MEDIUM.toMillis()
                        + " ms later");
            }
        }
    }

    /** No services: an empty answer at once; one service: a list of its one answer. */
    @Test
    @DisplayName("no services: an empty answer at once; one service: its answer")
    void noServicesAndOne() throws Exception {
        var log = new Calls();
        try (ExecutorService pool = Executors.newFixedThreadPool(2, named(POOL, new ArrayList<>()))) {
            CompletableFuture<List<String>> none;
            try {
                none = FanOut.askAll(List.of(), REQUEST, pool);
            } catch (RuntimeException e) {
                throw new AssertionError("askAll with no services threw " + e + ": there is nothing to ask, so the"
                        + " answer is an empty list (allOf() of no futures is already complete; a reduce() of"
                        + " no futures has nothing to start from)", e);
            }
            assertEquals(List.of(), resultOf(none, "no services at all"), "no services: the answer is an empty list");
            assertEquals(List.of(answer(0)), resultOf(FanOut.askAll(log.services(1), REQUEST, pool), "one service"),
                    "one service: a list of its one answer");
        }
    }

    /** Names whose alphabetical order is neither the services' order nor its reverse. */
    private static final List<String> SHOPS = List.of("Mint House", "Amber Leaf", "Zest");

    private static String answer(int service) {
        return SHOPS.get(service) + ": 3 coins for a " + REQUEST;
    }

    private static List<String> resultOf(CompletableFuture<List<String>> answers, String scenario) throws Exception {
        try {
            return answers.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(scenario + ": askAll's future failed with " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(scenario + ": askAll's future was not done " + TimeLimits.MEDIUM.toMillis()
                    + " ms later, although every call answers at once");
        }
    }

    private static ThreadFactory named(String prefix, List<Thread> created) {
        var n = new AtomicInteger();
        return task -> {
            Thread t = Thread.ofPlatform().name(prefix + "-" + n.incrementAndGet()).unstarted(task);
            created.add(t);
            return t;
        };
    }

    /** Services that answer at once and write down who called them, on which thread. */
    private static final class Calls {
        private final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        private final List<Integer> order = Collections.synchronizedList(new ArrayList<>());

        List<Service> services(int n) {
            var services = new ArrayList<Service>();
            for (int i = 0; i < n; i++) {
                int index = i;
                services.add(request -> {
                    threads.add(Thread.currentThread().getName());
                    order.add(index);
                    return SHOPS.get(index) + ": 3 coins for a " + request;
                });
            }
            return services;
        }

        List<String> threads() {
            return List.copyOf(threads);
        }

        String callOrder() {
            return "called in the order " + order;
        }
    }
}
