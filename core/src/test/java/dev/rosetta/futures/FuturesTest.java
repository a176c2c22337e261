package dev.rosetta.futures;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rosetta.futures.Futures.DoneAndNotDone;
import dev.rosetta.futures.Futures.ReturnWhen;
import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FuturesTest {
    private final CompletableFuture<String> a = new CompletableFuture<>();
    private final CompletableFuture<String> b = new CompletableFuture<>();
    private final CompletableFuture<String> c = new CompletableFuture<>();

    /** asCompleted yields the futures in the order they finish, already-finished ones first. */
    @Test
    void asCompletedYieldsInCompletionOrder() {
        c.complete("c");
        Iterator<CompletableFuture<String>> order = Futures.asCompleted(List.of(a, b, c));
        assertEquals(c, order.next());
        b.complete("b");
        assertEquals(b, order.next());
        a.completeExceptionally(new IllegalStateException("a failed"));
        assertEquals(a, order.next());
        assertFalse(order.hasNext());
    }

    /** With a timeout, asCompleted says how many were still unfinished. */
    @Test
    void asCompletedTimesOutNamingTheUnfinished() {
        a.complete("a");
        Iterator<CompletableFuture<String>> order = Futures.asCompleted(List.of(a, b, c), TimeLimits.SHORT);
        assertEquals(a, order.next());
        var e = assertThrows(FuturesTimeout.class, order::next);
        assertEquals("2 (of 3) futures unfinished when the time given to asCompleted ran out", e.getMessage());
    }

    /**
     * wait(FIRST_COMPLETED) sleeps (parked, not polling) until one future finishes, then
     * returns it as done and the others as not done.
     */
    @Test
    void waitFirstCompletedSleepsUntilOneFinishes() throws Throwable {
        var failures = new FailureCollector();
        var result = new AtomicReference<DoneAndNotDone<String>>();
        Thread waiter = Thread.ofPlatform().name("waiter").start(failures.wrap(
                () -> result.set(Futures.wait(List.of(a, b, c), null, ReturnWhen.FIRST_COMPLETED))));
        await().atMost(TimeLimits.LONG).until(() -> waiter.getState() == Thread.State.WAITING);

        b.complete("b");
        waiter.join(TimeLimits.LONG);
        failures.rethrow();

        assertEquals(Set.of(b), result.get().done());
        assertEquals(Set.of(a, c), result.get().notDone());
    }

    /** FIRST_EXCEPTION returns at the first failure, even while others still run. */
    @Test
    void waitFirstExceptionReturnsAtTheFirstFailure() throws Exception {
        a.complete("fine");
        c.completeExceptionally(new IllegalStateException("boom"));
        DoneAndNotDone<String> r = Futures.wait(List.of(a, b, c), null, ReturnWhen.FIRST_EXCEPTION);
        assertEquals(Set.of(a, c), r.done());
        assertEquals(Set.of(b), r.notDone());
    }

    /** A cancelled future is not a failure to FIRST_EXCEPTION (Python's rule): it waits on for a real one. */
    @Test
    void waitFirstExceptionIgnoresCancelledFutures() throws Exception {
        a.cancel(false);
        DoneAndNotDone<String> r = Futures.wait(List.of(a, b), TimeLimits.SHORT, ReturnWhen.FIRST_EXCEPTION);
        assertEquals(Set.of(a), r.done());
        assertEquals(Set.of(b), r.notDone(), "it returned at the cancel instead of waiting for a failure");
    }

    /** ALL_COMPLETED with a timeout returns when the time is up, the unfinished in notDone. */
    @Test
    void waitAllCompletedWithATimeout() throws Exception {
        a.complete("a");
        DoneAndNotDone<String> r = Futures.wait(List.of(a, b), TimeLimits.SHORT, ReturnWhen.ALL_COMPLETED);
        assertEquals(Set.of(a), r.done());
        assertEquals(Set.of(b), r.notDone());
        b.complete("b");
        assertEquals(Set.of(a, b), Futures.wait(List.of(a, b), Duration.ZERO, ReturnWhen.ALL_COMPLETED).done());
    }

    /** Futures from a real executor arrive in completion order: the shortest task first. */
    @Test
    void worksOverARealExecutor() throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var slowStarted = new java.util.concurrent.CountDownLatch(1);
            var release = new java.util.concurrent.CountDownLatch(1);
            CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
                slowStarted.countDown();
                awaitQuietly(release);
                return "slow";
            }, pool);
            slowStarted.await();
            CompletableFuture<String> quick = CompletableFuture.supplyAsync(() -> "quick", pool);
            var order = new ArrayList<String>();
            Iterator<CompletableFuture<String>> it = Futures.asCompleted(List.of(slow, quick));
            order.add(it.next().join());
            release.countDown();
            order.add(it.next().join());
            assertEquals(List.of("quick", "slow"), order);
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A timeout too long to add to the clock (ChronoUnit.FOREVER) means no limit: no overflow, no exception. */
    @Test
    void aTimeoutOfForeverNeverRunsOut() throws Exception {
        var done = CompletableFuture.completedFuture(1);
        var never = new CompletableFuture<Integer>();
        Duration forever = java.time.temporal.ChronoUnit.FOREVER.getDuration();
        Iterator<CompletableFuture<Integer>> it = Futures.asCompleted(List.of(done, never), forever);
        assertEquals(done, it.next());
        DoneAndNotDone<Integer> split = Futures.wait(List.of(done, never), forever, ReturnWhen.FIRST_COMPLETED);
        assertEquals(Set.of(done), split.done());
        assertEquals(Long.MAX_VALUE, Futures.deadline(Duration.ofDays(365L * 200)), "200 years: no deadline");
    }

    /**
     * Interrupted while it waits, asCompleted's next() ends with a CancellationException, not a
     * time-out (none ran out), and the thread stays interrupted: the one interrupt policy (Waiting).
     */
    @Test
    void anInterruptedWaitIsACancellationNotATimeout() {
        var never = new CompletableFuture<Integer>();
        Iterator<CompletableFuture<Integer>> it = Futures.asCompleted(List.of(never), Duration.ofDays(1));
        Thread.currentThread().interrupt();
        try {
            var e = assertThrows(java.util.concurrent.CancellationException.class, it::next,
                    "an interrupt is a request to stop waiting (Python: KeyboardInterrupt/CancelledError), not a timeout");
            org.junit.jupiter.api.Assertions.assertTrue(Thread.currentThread().isInterrupted(),
                    "the interrupt was swallowed: the code above the wait can no longer see it (" + e.getMessage() + ")");
        } finally {
            Thread.interrupted();
        }
    }
}
