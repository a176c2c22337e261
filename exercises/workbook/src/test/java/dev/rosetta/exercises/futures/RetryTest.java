package dev.rosetta.exercises.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
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
 * The judge of {@code futures/retry-backoff}. No test really waits: the sleeper only writes down
 * what it was asked, in one list with the calls, so the order of calls and waits is checked too.
 */
@TimeLimit(seconds = 10)
class RetryTest {
    private static final String POOL = "retry-pool";

    /** Retryable failures are retried after 1 s, then 2 s; a success ends it; all of it on the executor. */
    @Test
    @DisplayName("two failures, then a success: waits 1 s, then 2 s, all on the executor")
    void retriesUntilSuccess() throws Exception {
        var log = new Log();
        Callable<String> flaky = log.call(new IOException("timeout"), new IOException("connection reset"), "quote: 42");
        try (ExecutorService pool = Executors.newFixedThreadPool(2, named(POOL))) {
            String answer = resultOf(Retry.retry(flaky, backoff(5, 1, 60), pool, log.sleeper()),
                    "the call fails twice (IOException, retryable), then answers");
            assertEquals("quote: 42", answer, "the third attempt succeeded: its result is the future's");
        }
        assertEquals(List.of("call 1: IOException", "sleep 1 s", "call 2: IOException", "sleep 2 s", "call 3: quote: 42"),
                log.events(), "the calls and the waits, in order (firstDelay 1 s, 5 attempts allowed)");
        for (String thread : log.threads()) {
            if (!thread.startsWith(POOL)) {
                fail("an attempt or a wait ran on thread '" + thread + "', not on the executor given to retry: retry"
                        + " must return a future at once and do all its calling and waiting on the executor");
            }
        }
    }

    /** The delays double, and stop growing at maxDelay; no wait after the last attempt. */
    @Test
    @DisplayName("the delays double up to maxDelay, and stop there")
    void delaysDoubleUpToTheCap() throws Exception {
        var log = new Log();
        Callable<String> down = log.call(failures(6, i -> new IOException("down " + i)).toArray());
        try (ExecutorService pool = Executors.newFixedThreadPool(2, named(POOL))) {
            failureOf(Retry.retry(down, backoff(6, 1, 5), pool, log.sleeper()), "the service is down: 6 attempts fail");
        }
        assertEquals(List.of("1 s", "2 s", "4 s", "5 s", "5 s"), log.delays(),
                "6 failed attempts with firstDelay 1 s and maxDelay 5 s: 5 waits, each twice the one before but never"
                        + " more than maxDelay (uncapped, the 20th wait would be 6 days), and none after the last attempt");
        assertEquals(6, log.calls(), "6 attempts are allowed, and all 6 failed");
    }

    /** A failure retryable() rejects fails the future at once: one call, no wait. */
    @Test
    @DisplayName("a failure that is not retryable fails at once")
    void notRetryableFailsAtOnce() throws Exception {
        var log = new Log();
        List<Exception> badRequests = failures(4, i -> new IllegalArgumentException("bad request: no such product"));
        Callable<String> call = log.call(badRequests.toArray());
        Throwable failure;
        try (ExecutorService pool = Executors.newFixedThreadPool(2, named(POOL))) {
            failure = failureOf(Retry.retry(call, backoff(4, 1, 60), pool, log.sleeper()),
                    "the call throws IllegalArgumentException, which retryable() rejects (only IOException is retryable)");
        }
        assertEquals(List.of("call 1: IllegalArgumentException"), log.events(),
                "IllegalArgumentException is not retryable: trying again cannot fix a bad request. One call, no wait,"
                        + " and the future fails with it at once");
        assertSame(badRequests.getFirst(), failure, "the future must fail with the call's own exception");
    }

    /** When every attempt fails, the last exception is thrown, the earlier ones suppressed, oldest first. */
    @Test
    @DisplayName("giving up throws the last failure, the earlier ones suppressed")
    void givingUpKeepsEveryFailure() throws Exception {
        var log = new Log();
        List<Exception> thrown = failures(4, i -> new IOException("attempt " + i + " timed out"));
        Callable<String> call = log.call(thrown.toArray());
        Throwable failure;
        try (ExecutorService pool = Executors.newFixedThreadPool(2, named(POOL))) {
            failure = failureOf(Retry.retry(call, backoff(4, 1, 60), pool, log.sleeper()), "all 4 attempts fail");
        }
        if (failure != thrown.get(3)) {
            fail("all 4 attempts failed, and the future failed with " + failure + " instead of the last attempt's"
                    + " exception (" + thrown.get(3) + "). Throw the last failure itself, so that the caller sees what"
                    + " went wrong (and its catch (IOException e) still works).", failure);
        }
        assertEquals(thrown.subList(0, 3), Arrays.asList(failure.getSuppressed()),
                "the 3 earlier failures must be attached to the last one (addSuppressed), oldest first: nothing is lost");
    }

    private static Backoff backoff(int attempts, int firstSeconds, int maxSeconds) {
        return new Backoff(attempts, Duration.ofSeconds(firstSeconds), Duration.ofSeconds(maxSeconds),
                e -> e instanceof IOException);
    }

    private static List<Exception> failures(int n, java.util.function.IntFunction<Exception> failure) {
        var all = new ArrayList<Exception>();
        for (int i = 1; i <= n; i++) {
            all.add(failure.apply(i));
        }
        return all;
    }

    private static <T> T resultOf(CompletableFuture<T> future, String scenario) throws Exception {
        try {
            return future.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(scenario + ": the future failed with " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(scenario + ": the future was not done " + TimeLimits.MEDIUM.toMillis()
                    + " ms later (the test's sleeper returns at once)");
        }
    }

    private static Throwable failureOf(CompletableFuture<?> future, String scenario) throws Exception {
        try {
            Object result = future.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(scenario + ", yet the future succeeded with " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(scenario + ": the future was not done " + TimeLimits.MEDIUM.toMillis()
                    + " ms later (the test's sleeper returns at once)");
        }
    }

    private static ThreadFactory named(String prefix) {
        var n = new AtomicInteger();
        return task -> Thread.ofPlatform().name(prefix + "-" + n.incrementAndGet()).unstarted(task);
    }

    /** What the flaky call and the sleeper were asked, in order, and on which threads. */
    private static final class Log {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());
        private final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger calls = new AtomicInteger();

        /** A call whose attempt i throws outcomes[i] if it is an exception and returns it otherwise. */
        Callable<String> call(Object... outcomes) {
            return () -> {
                threads.add(Thread.currentThread().getName());
                int attempt = calls.incrementAndGet();
                Object outcome = outcomes[Math.min(attempt, outcomes.length) - 1];
                if (outcome instanceof Exception e) {
                    events.add("call " + attempt + ": " + e.getClass().getSimpleName());
                    throw e;
                }
                events.add("call " + attempt + ": " + outcome);
                return (String) outcome;
            };
        }

        Sleeper sleeper() {
            return delay -> {
                threads.add(Thread.currentThread().getName());
                delays.add(delay);
                events.add("sleep " + delay.toSeconds() + " s");
            };
        }

        List<String> events() {
            return List.copyOf(events);
        }

        /** The delays asked for, in whole seconds ("1 s"). */
        List<String> delays() {
            return List.copyOf(delays).stream().map(d -> d.toSeconds() + " s").toList();
        }

        List<String> threads() {
            return List.copyOf(threads);
        }

        int calls() {
            return calls.get();
        }
    }
}
