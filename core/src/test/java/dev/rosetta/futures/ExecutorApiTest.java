package dev.rosetta.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link Futures#submit}, {@link Futures#map} and {@link Futures#shutdown} over JDK thread pools. */
class ExecutorApiTest {
    private static final List<Integer> TEN = IntStream.range(0, 10).boxed().toList();

    /** cancel() is true while a task waits in the queue, false once a thread runs it (Python's rule). */
    @Test
    void cancelSucceedsOnlyBeforeTheTaskStarts() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (ExecutorService one = Executors.newFixedThreadPool(1)) {
            TaskFuture<String> running = Futures.submit(one, () -> {
                started.countDown();
                release.await();
                return "finished anyway";
            });
            TaskFuture<String> queued = Futures.submit(one, () -> "never runs");
            started.await();

            assertTrue(running.running());
            assertFalse(running.cancel(true), "a running future cannot be cancelled");
            assertTrue(queued.cancel(false), "a queued one can");
            assertTrue(queued.cancel(false), "and cancelling again still says it is cancelled");
            assertTrue(queued.isCancelled());
            release.countDown();
            assertEquals("finished anyway", running.get());
            assertFalse(running.cancel(false), "nor can a finished one");
        }
    }

    /** map gives the results in the order of the items, however the tasks finish. */
    @Test
    void mapKeepsTheOrderOfTheItems() {
        var secondDone = new CountDownLatch(1);
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            var results = new ArrayList<Integer>();
            Futures.map(two, (Integer x) -> {
                if (x == 0) {
                    await(secondDone); // the first item finishes after the second
                } else if (x == 1) {
                    secondDone.countDown();
                }
                return x * 10;
            }, TEN).forEachRemaining(results::add);
            assertEquals(TEN.stream().map(x -> x * 10).toList(), results);
        }
    }

    /** A task that raises: next() rethrows it at its place, and the tasks not yet taken are cancelled. */
    @Test
    void mapRethrowsAndCancelsTheRest() {
        var release = new CountDownLatch(1);
        try (ExecutorService one = Executors.newFixedThreadPool(1)) {
            var ran = new AtomicInteger();
            var results = Futures.map(one, (Integer x) -> {
                ran.incrementAndGet();
                if (x == 1) {
                    await(release);
                    throw new IllegalStateException("item one fails");
                }
                return x;
            }, TEN);
            assertEquals(0, results.next());
            release.countDown();
            var e = assertThrows(IllegalStateException.class, results::next);
            assertEquals("item one fails", e.getMessage());
            assertFalse(results.hasNext(), "the rest were cancelled");
        }
    }

    /** With a timeout, a result not in by then raises FuturesTimeout; the queued tasks are cancelled. */
    @Test
    void mapTimesOut() {
        var release = new CountDownLatch(1);
        try (ExecutorService one = Executors.newFixedThreadPool(1)) {
            var results = Futures.map(one, (Integer x) -> {
                await(release);
                return x;
            }, TEN, TimeLimits.SHORT);
            var e = assertThrows(FuturesTimeout.class, results::next);
            assertEquals("result 0 of the map was not in when its timeout ran out; the 10 submitted tasks not yet"
                    + " taken were cancelled (those running go on)", e.getMessage());
            release.countDown();
        }
    }

    /** buffersize bounds the tasks submitted ahead of the consumer, so an endless input works. */
    @Test
    void mapWithABufferTakesAnEndlessInput() {
        var submitted = new AtomicInteger();
        Iterable<Integer> naturals = () -> IntStream.iterate(0, x -> x + 1).peek(x -> submitted.incrementAndGet())
                .iterator();
        try (ExecutorService two = Executors.newFixedThreadPool(2);
             var results = Futures.map(two, (Integer x) -> x * x, naturals, null, 4)) {
            assertEquals(4, submitted.get(), "only the buffer is submitted before the first result is taken");
            for (int i = 0; i < 100; i++) {
                assertEquals(i * i, results.next());
                assertTrue(submitted.get() <= i + 1 + 4, "submitted " + submitted.get() + " after taking " + (i + 1));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Futures.map(ForkJoinPool.commonPool(), x -> x, TEN, null, 0));
    }

    /** shutdown(wait, cancelFutures): queued tasks are cancelled, the running one finishes, new ones refused. */
    @Test
    void shutdownCancelsTheQueuedTasks() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        ExecutorService one = Executors.newFixedThreadPool(1);
        TaskFuture<String> running = Futures.submit(one, () -> {
            started.countDown();
            release.await();
            return "done";
        });
        var queued = IntStream.range(0, 5).mapToObj(i -> Futures.submit(one, () -> "queued " + i)).toList();
        started.await();

        var cancelled = Futures.shutdown(one, false, true);
        release.countDown();
        Futures.shutdown(one, true, false);

        assertEquals(5, cancelled.size());
        assertTrue(queued.stream().allMatch(TaskFuture::isCancelled));
        assertEquals("done", running.get());
        assertTrue(one.isTerminated());
        var e = assertThrows(RejectedExecutionException.class, () -> Futures.submit(one, () -> "late"));
        assertTrue(e.getMessage().startsWith("cannot schedule new futures after shutdown"), e.getMessage());
    }

    /** cancelFutures on an executor whose queue is hidden says which executors it works with. */
    @Test
    void shutdownRefusesAHiddenQueue() {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            var e = assertThrows(IllegalArgumentException.class, () -> Futures.shutdown(single, false, true));
            assertTrue(e.getMessage().contains("use newFixedThreadPool(1)"), e.getMessage());
        } finally {
            single.close();
        }
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            assertEquals(List.of(), assertDoesNotThrow(() -> Futures.shutdown(virtual, true, true)));
        }
    }

    private static <T> T assertDoesNotThrow(java.util.concurrent.Callable<T> call) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(call::call);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(TimeLimits.LONG.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the latch was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
