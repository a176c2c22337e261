package dev.rosetta.exercises.joblib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code joblib/ordered-batches}. Its executor ({@link HeldExecutor}) has no
 * threads: the test runs the batches itself, newest first when it wants them to finish out of
 * order. The contract, one property per test:
 * <ul>
 *   <li>The results are in the order of the items, even when the batches finish newest first.</li>
 *   <li>Every batch is submitted before {@code map} waits for any (so they can all run at once).</li>
 *   <li>Items go in consecutive batches of {@code batchSize}, one task per batch, the function applied inside the task.</li>
 *   <li>The last, partial batch is sent too: 10 items in batches of 4 are 3 batches, 10 results.</li>
 *   <li>No empty batch: 12 items in batches of 4 are 3 tasks; no items, no task.</li>
 *   <li>An item's exception reaches the caller as the cause of an {@link ExecutionException}.</li>
 * </ul>
 */
@TimeLimit(seconds = 20)
class BatchMapTest {

    private static List<Integer> items(int count) {
        return IntStream.range(0, count).boxed().toList();
    }

    private static List<List<Object>> batchesOf(int count, int size) {
        return IntStream.iterate(0, i -> i < count, i -> i + size)
                .mapToObj(i -> IntStream.range(i, Math.min(i + size, count)).mapToObj(x -> (Object) x).toList()).toList();
    }

    private Thread caller;

    /** {@code count} items in batches of {@code batchSize} on an executor that runs each batch as it is submitted. */
    private static HeldExecutor mapAtOnce(int count, int batchSize) throws Exception {
        var pool = new HeldExecutor(true);
        BatchMap.map(pool, items(count), batchSize, i -> {
            pool.record(i);
            return i;
        });
        return pool;
    }

    /** Runs map on a thread of its own (it blocks until the test runs the batches). */
    private FutureTask<List<String>> startMap(HeldExecutor pool, List<Integer> items, int batchSize) {
        var call = new FutureTask<>(() -> BatchMap.map(pool, items, batchSize, i -> {
            pool.record(i);
            return "r" + i;
        }));
        caller = Thread.ofPlatform().name("batch-map-caller").start(call);
        return call;
    }

    /** Lets map finish whatever it does: runs what it submits, as it submits it. */
    private void finish(HeldExecutor pool, FutureTask<?> call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeLimits.MEDIUM.toNanos();
        while (!call.isDone() && System.nanoTime() < deadline) {
            pool.runQueued(false);
            try {
                call.get(10, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the test has already failed, or map is not done yet
            }
        }
        call.cancel(true);
        caller.join(TimeLimits.MEDIUM);
    }

    /** 12 items in batches of 4: map must have 3 batches queued by the time it waits for one. */
    private static void awaitAllSubmitted(HeldExecutor pool, FutureTask<?> call) throws Exception {
        int queued = pool.awaitQueued(3, TimeLimits.MEDIUM);
        if (queued < 3) {
            if (call.isDone()) {
                call.get(); // its failure says more
            }
            fail(pool.someoneWaits()
                    ? "map began to wait for a batch when only " + queued + " of the 3 batches (12 items, batch size 4)"
                    + " had been submitted: submit every batch before waiting for any, or only one runs at a time"
                    : "map had submitted " + queued + " of the 3 batches (12 items, batch size 4) "
                    + TimeLimits.MEDIUM.toMillis() + " ms after it was called");
        }
    }

    @Test
    @DisplayName("results in the order of the items, even when the batches finish newest first")
    void resultsInTheOrderOfTheItems() throws Exception {
        var pool = new HeldExecutor(false);
        var call = startMap(pool, items(12), 4);
        try {
            awaitAllSubmitted(pool, call);
            pool.runQueued(true); // batch 2 finishes first, then 1, then 0
            List<String> results = call.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(items(12).stream().map(i -> "r" + i).toList(), results, "the batches finished in the order"
                    + " 2, 1, 0: map must return each result in the order of the items, not in the order the batches finished");
            assertFalse(pool.isShutdown(), "map shut the executor down: it is the caller's");
        } finally {
            finish(pool, call);
        }
    }

    @Test
    @DisplayName("every batch is submitted before map waits for any")
    void everyBatchSubmittedBeforeWaiting() throws Exception {
        var pool = new HeldExecutor(false);
        var call = startMap(pool, items(12), 4);
        try {
            awaitAllSubmitted(pool, call);
            pool.runQueued(false);
            assertEquals(12, call.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS).size(), "12 items, 12 results");
        } finally {
            finish(pool, call);
        }
    }

    @Test
    @DisplayName("consecutive batches of batchSize, one task each, the function applied inside the task")
    void consecutiveBatches() throws Exception {
        var pool = mapAtOnce(12, 4);
        assertEquals(List.of(), pool.outsideAnyTask(), "the function was applied to these items outside any task"
                + " submitted to the executor: apply it inside the batch's task, on the worker");
        assertEquals(batchesOf(12, 4), pool.ran(), "12 items in batches of 4: the tasks must hold consecutive items,"
                + " 0 to 3, 4 to 7, 8 to 11, one task per batch (each list is the items one task ran)");
    }

    @Test
    @DisplayName("the last, partial batch is sent too")
    void lastPartialBatch() throws Exception {
        var pool = new HeldExecutor(true);
        List<Integer> results = BatchMap.map(pool, items(10), 4, i -> {
            pool.record(i);
            return i * 10;
        });
        int ran = pool.ran().stream().mapToInt(List::size).sum();
        if (ran < 10) {
            fail("10 items in batches of 4, and only " + ran + " of them ran, in " + pool.ran() + ": 3 batches, 0 to 3,"
                    + " 4 to 7 and the last partial batch, 8 and 9, which was never sent (each list is the items one"
                    + " task ran)");
        }
        assertEquals(batchesOf(10, 4), pool.ran(), "10 items in batches of 4 are 3 batches of consecutive items: 0 to"
                + " 3, 4 to 7 and the last partial batch, 8 and 9 (each list is the items one task ran)");
        assertEquals(items(10).stream().map(i -> i * 10).toList(), results, "10 items, 10 results: was the last"
                + " partial batch lost?");
        assertEquals(batchesOf(3, 8), mapAtOnce(3, 8).ran(), "3 items in batches of 8: one batch, partial, holding"
                + " all 3 (the last partial batch is the only one)");
    }

    @Test
    @DisplayName("no empty batch")
    void noEmptyBatch() throws Exception {
        var pool = mapAtOnce(12, 4);
        assertEquals(3, pool.ran().size(), "12 items in batches of 4 are exactly 3 tasks, but " + pool.ran().size()
                + " ran: " + pool.ran());
        var none = new HeldExecutor(true);
        assertEquals(List.of(), BatchMap.map(none, List.<Integer>of(), 4, i -> i), "no items, no results");
        assertEquals(List.of(), none.ran(), "no items: no task must be submitted");
    }

    @Test
    @DisplayName("an item's exception reaches the caller as the cause of an ExecutionException")
    void exceptionReachesTheCaller() throws Exception {
        var pool = new HeldExecutor(true);
        var broken = new IllegalStateException("item 5 cannot be computed");
        try {
            List<Integer> results = BatchMap.map(pool, items(10), 4, i -> {
                if (i == 5) {
                    throw broken;
                }
                return i;
            });
            fail("item 5 threw " + broken + ", yet map returned " + results + ": the failure was lost");
        } catch (ExecutionException e) {
            assertSame(broken, e.getCause(), "item 5 threw " + broken + ": map must throw an ExecutionException whose"
                    + " cause is that exception (Future.get() does it), but its cause was " + e.getCause());
        }
    }
}
