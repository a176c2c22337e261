package dev.rosetta.exercises.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code futures/retry-backoff}. The contract, one test each:
 * <ul>
 *   <li>{@code retry} returns at once, before any attempt; every attempt and every wait runs on
 *       the executor; a success ends it with its result;</li>
 *   <li>the waits are exactly {@code firstDelay}, doubling, never above {@code maxDelay}, none after
 *       the last attempt, and at most {@code attempts} calls; of any size, without overflow
 *       (70 attempts; a {@code maxDelay} of {@code ChronoUnit.FOREVER});</li>
 *   <li>only what {@code retryable} accepts is retried: anything else fails the future at once,
 *       with the call's own exception and the earlier failures suppressed in it;</li>
 *   <li>giving up throws the last failure itself, the earlier ones suppressed, oldest first;</li>
 *   <li>an {@code Error} from the call fails the future (it is never left pending);</li>
 *   <li>an interrupted wait stops the retries: the future fails with the
 *       {@code InterruptedException}, and the thread stays interrupted;</li>
 *   <li>once the caller cancels the future, no further attempt starts.</li>
 * </ul>
 * No test really waits: the sleeper only writes down what it was asked, in one list with the
 * calls, so the order of calls and waits is checked too.
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

    /** retry() returns before any attempt: the attempts are the executor's work, not the caller's. */
    @Test
    @DisplayName("returns at once, before the first attempt")
    void returnsAtOnce() throws Exception {
        var log = new Log();
        var pool = new GatedPool(1, POOL, GatedPool.Order.OLDEST_FIRST);
        try {
            var caller = Background.start("retry-caller",
                    () -> Retry.retry(log.call("quote: 42"), backoff(3, 1, 60), pool, log.sleeper()));
            if (!Sleeping.returnsWithoutWaiting(caller)) {
                fail("retry() had not returned, and was waiting, while the executor had not yet run a thing: it must"
                        + " return its future at once (executor.execute(...) the loop, then return), and never wait"
                        + " for the attempts itself (no join() or get() inside retry)");
            }
            caller.rethrowFailure("retry");
            assertEquals(List.of(), log.events(), "retry() must not call or wait itself before it returns: the"
                    + " executor does it all");
            pool.open();
            assertEquals("quote: 42", resultOf(caller.result(), "the first attempt answers"));
        } finally {
            pool.close();
        }
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

    /** Nanoseconds to FOREVER, 70 attempts: the waits stay exact and capped, however far doubling would have gone. */
    @Test
    @DisplayName("delays of any size: 1 ns, 70 attempts, maxDelay FOREVER, no overflow")
    void delaysOfAnySize() throws Exception {
        assertDelays(new Backoff(70, Duration.ofMillis(1), Duration.ofSeconds(5), e -> e instanceof IOException),
                "firstDelay 1 ms, maxDelay 5 s, 70 attempts (in milliseconds, 1 << 63 overflows a long)");
        assertDelays(new Backoff(70, Duration.ofSeconds(1), ChronoUnit.FOREVER.getDuration(), e -> e instanceof IOException),
                "firstDelay 1 s, maxDelay ChronoUnit.FOREVER, 70 attempts (Duration.multipliedBy(2) throws"
                        + " ArithmeticException past Long.MAX_VALUE seconds: compare with maxDelay.dividedBy(2) first)");
        assertDelays(new Backoff(4, Duration.ofNanos(1), Duration.ofNanos(3), e -> e instanceof IOException),
                "firstDelay 1 ns, maxDelay 3 ns (an odd cap: 2 ns is still under it, 4 ns is not)");
    }

    private static void assertDelays(Backoff backoff, String scenario) throws Exception {
        var log = new Log();
        Callable<String> down = log.call(failures(backoff.attempts(), i -> new IOException("down " + i)).toArray());
        try (ExecutorService pool = Executors.newFixedThreadPool(1, named(POOL))) {
            failureOf(Retry.retry(down, backoff, pool, log.sleeper()), scenario + ": every attempt fails");
        }
        List<Duration> asked = log.delayList();
        BigInteger max = nanos(backoff.maxDelay());
        BigInteger expected = nanos(backoff.firstDelay());
        for (int i = 0; i < backoff.attempts() - 1; i++) {
            if (i >= asked.size()) {
                fail(scenario + ": only " + asked.size() + " waits, for " + backoff.attempts() + " failed attempts");
            }
            if (!nanos(asked.get(i)).equals(expected)) {
                BigInteger[] secondsAndNanos = expected.divideAndRemainder(BigInteger.valueOf(1_000_000_000));
                fail(scenario + ": wait " + (i + 1) + " was " + asked.get(i) + " but must be "
                        + Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact())
                        + " (twice the one before, never more than maxDelay, never negative)");
            }
            expected = expected.shiftLeft(1).min(max);
        }
        assertEquals(backoff.attempts() - 1, asked.size(), scenario + ": one wait between two attempts, none after the last");
    }

    private static BigInteger nanos(Duration d) {
        return BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000)).add(BigInteger.valueOf(d.getNano()));
    }

    /** A failure that is not retryable, after some that were: thrown at once, the earlier ones suppressed. */
    @Test
    @DisplayName("a failure that is not retryable after retryable ones keeps them, suppressed")
    void notRetryableAfterRetryableKeepsTheEarlierOnes() throws Exception {
        var log = new Log();
        var timeout = new IOException("timeout");
        var reset = new IOException("connection reset");
        var badRequest = new IllegalArgumentException("bad request: the session expired");
        Callable<String> call = log.call(timeout, reset, badRequest);
        Throwable failure;
        try (ExecutorService pool = Executors.newFixedThreadPool(1, named(POOL))) {
            failure = failureOf(Retry.retry(call, backoff(5, 1, 60), pool, log.sleeper()),
                    "two IOExceptions (retried), then an IllegalArgumentException (not retryable)");
        }
        assertSame(badRequest, failure, "the third attempt failed with an exception that is not retryable: the future"
                + " must fail with it, at once");
        assertEquals(List.of(timeout, reset), Arrays.asList(failure.getSuppressed()), "the two earlier failures must be"
                + " attached to the one that ended it (addSuppressed), oldest first: whatever ends the retries, nothing"
                + " that went before is lost");
    }

    /** An Error from the call fails the future: one call, no wait, nothing left pending. */
    @Test
    @DisplayName("an Error thrown by the call fails the future, it is never left pending")
    void anErrorFailsTheFuture() throws Exception {
        var log = new Log();
        var bug = new AssertionError("a bug in the call: the parser met an impossible state");
        Callable<String> call = log.call(bug);
        var taskEnded = new CountDownLatch(1);
        CompletableFuture<String> future;
        try (ExecutorService pool = Executors.newFixedThreadPool(1, named(POOL))) {
            Executor watched = task -> pool.execute(() -> {
                try {
                    task.run();
                } finally {
                    taskEnded.countDown();
                }
            });
            future = Retry.retry(call, backoff(3, 1, 60), watched, log.sleeper());
            if (!taskEnded.await(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("the call threw an Error, and " + TimeLimits.MEDIUM.toMillis() + " ms later retry's task was still"
                        + " running: " + log.events());
            }
        }
        if (!future.isDone()) {
            fail("the call threw an Error (" + bug + "); retry's task has ended, and its future is still pending: the"
                    + " task caught Exception only, the Error ended it, and nobody completed the future, so its caller"
                    + " waits for ever. Catch Throwable around the loop and completeExceptionally with it.");
        }
        Throwable failure = failureOf(future, "the call threw an Error");
        assertSame(bug, failure, "the call threw an Error: the future must fail with it");
        assertEquals(List.of("call 1: AssertionError"), log.events(), "an Error is not an Exception: retryable() cannot"
                + " accept it, so no wait and no second call");
    }

    /** An interrupted wait stops the retries, fails the future with it, and the thread stays interrupted. */
    @Test
    @DisplayName("an interrupted wait stops the retries, and the thread stays interrupted")
    void anInterruptedWaitStops() throws Exception {
        var log = new Log();
        Callable<String> call = log.call(new IOException("timeout"), "quote: 42");
        var interrupt = new InterruptedException("the pool is shutting down");
        Sleeper interrupted = delay -> {
            log.sleeper().sleep(delay);
            throw interrupt;
        };
        var stillInterrupted = new CompletableFuture<Boolean>();
        CompletableFuture<String> future;
        try (ExecutorService pool = Executors.newFixedThreadPool(1, named(POOL))) {
            Executor watched = task -> pool.execute(() -> {
                task.run();
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
            });
            future = Retry.retry(call, backoff(3, 1, 60), watched, interrupted);
        }
        assertEquals(List.of("call 1: IOException", "sleep 1 s"), log.events(), "the wait after the first failure was"
                + " interrupted: an interrupt means stop, so no second call (an InterruptedException caught and"
                + " ignored lets the retries run on)");
        Throwable failure = failureOf(future, "the first call failed, and the wait after it was interrupted");
        assertSame(interrupt, failure, "the wait was interrupted: the future must fail with that"
                + " InterruptedException, so the caller knows why it stopped");
        assertEquals(true, stillInterrupted.getNow(false), "after the interrupted wait, the executor's thread must"
                + " still be interrupted: catching InterruptedException clears the status, so set it again"
                + " (Thread.currentThread().interrupt()) for whoever interrupted it to see");
    }

    /** Cancelled by the caller during a wait, the retry makes no further attempt. */
    @Test
    @DisplayName("once the caller cancels the future, no further attempt starts")
    void cancelStopsTheRetries() throws Exception {
        var log = new Log();
        Callable<String> call = log.call(new IOException("timeout"), new IOException("timeout"), "quote: 42");
        var waiting = new CountDownLatch(1);
        var resume = new CountDownLatch(1);
        Sleeper held = delay -> {
            log.sleeper().sleep(delay);
            waiting.countDown();
            resume.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
        };
        ExecutorService pool = Executors.newFixedThreadPool(1, named(POOL));
        try {
            CompletableFuture<String> future = Retry.retry(call, backoff(3, 1, 60), pool, held);
            if (!waiting.await(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("the first call failed, and retry never asked the sleeper to wait: " + log.events());
            }
            future.cancel(false);
            resume.countDown();
        } finally {
            resume.countDown();
            pool.shutdown();
            pool.awaitTermination(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS);
        }
        assertEquals(List.of("call 1: IOException", "sleep 1 s"), log.events(), "the caller cancelled the future"
                + " while retry waited after the first failure: nobody wants the answer any more, so no further"
                + " attempt may start (check result.isDone() before each attempt)");
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
                if (outcome instanceof Error e) {
                    events.add("call " + attempt + ": " + e.getClass().getSimpleName());
                    throw e;
                }
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

        List<Duration> delayList() {
            return List.copyOf(delays);
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
