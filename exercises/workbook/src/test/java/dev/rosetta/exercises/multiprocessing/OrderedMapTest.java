package dev.rosetta.exercises.multiprocessing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.PicklingError;
import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.multiprocessing.RemoteError;
import dev.rosetta.multiprocessing.SharedMemory;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code multiprocessing/ordered-map}: {@code map(fn, items, chunksize)} built from
 * {@code applyAsync}. The contract, one test each:
 * <ol>
 *   <li>every item is mapped exactly once — none lost (not even the short last chunk), none twice;</li>
 *   <li>the results come in the order of the items, even when the first chunk finishes last;</li>
 *   <li>repeated items, one item, a chunksize larger than the list, and no items at all work too;</li>
 *   <li>one task per chunk: a worker runs the items of a chunk one after another;</li>
 *   <li>every chunk is submitted before any result is awaited, so the workers run side by side;</li>
 *   <li>an exception raised by {@code fn} reaches the caller as the task's own exception, with its
 *       type (its cause a {@code RemoteError} with the worker's trace), as {@code AsyncResult.get()}
 *       throws it: never a null in the list, never a {@code map} that waits for ever;</li>
 *   <li>the pool is left as it was found: the caller can map on it again.</li>
 * </ol>
 * Most tests share one pool (a worker JVM takes a while to start); the one that forces the first
 * chunk to finish last starts its own, so that no worker has grown a window of chunks sent ahead.
 */
@TimeLimit(seconds = 40)
class OrderedMapTest {
    /**
     * How long item 0 waits for item 9 to start before it gives up; only wrong code waits it out.
     * Scaled here, in the test's JVM, and sent inside the task: a worker JVM does not know the factor.
     */
    private static final Duration HELD = TimeLimits.scaled(Duration.ofSeconds(2));

    private static Pool shared;

    @BeforeAll
    static void startPool() {
        shared = new Pool(2);
    }

    @AfterAll
    static void stopPool() {
        shared.terminate();
    }

    /** 25 items in chunks of 4 (the last one short): every item once, in order; then again on the same pool. */
    @Test
    @DisplayName("maps every item once, in order, and leaves the pool open for the next map")
    void mapsEveryItemInOrder() {
        List<Integer> items = IntStream.range(0, 25).boxed().toList();
        List<Integer> squares = items.stream().map(x -> x * x).toList();
        for (String time : List.of("first", "second")) {
            List<Integer> got = call(shared, x -> x * x, items, 4);
            expectEveryItemOnce(squares, got, "map(x -> x * x, 0..24, chunksize 4), called the " + time + " time");
            if (!got.equals(squares)) {
                fail("map(x -> x * x, 0..24, chunksize 4) gave " + got + ", expected " + squares
                        + ": every result is there, but not in the order of the items");
            }
        }
    }

    /** Lists that do not fill one chunk, no items at all, and chunks of one. */
    @Test
    @DisplayName("no items, one item, a chunksize larger than the list, chunks of one")
    void smallListsAndChunks() {
        expectMapped(List.of(), 4, "no items at all");
        expectMapped(List.of(7), 4, "one item, chunksize 4");
        expectMapped(List.of(1, 2, 3), 10, "three items, chunksize 10 (one short chunk)");
        expectMapped(List.of(1, 2, 3), 1, "three items, chunksize 1");
    }

    /** The same value at several places: each place gets its own result. */
    @Test
    @DisplayName("repeated items: each place in the list gets its result")
    void repeatedItems() {
        List<Integer> items = List.of(5, 5, 5, 5, 5, 5, 7, 7, 7);
        List<Integer> got = call(shared, x -> x * 10, items, 2);
        List<Integer> expected = items.stream().map(x -> x * 10).toList();
        String scenario = "map(x -> x * 10, " + items + ", chunksize 2)";
        if (got.size() == expected.size() && !sameResults(expected, got)) {
            String wrong = IntStream.range(0, got.size()).filter(i -> !expected.get(i).equals(got.get(i)))
                    .mapToObj(i -> i + " (" + got.get(i) + ")").collect(Collectors.joining(", "));
            fail(scenario + " gave " + got + ": the places " + wrong + " hold no result or another place's. With"
                    + " repeated items a value does not tell where it belongs (indexOf finds the first 5 for every"
                    + " chunk of 5s): carry each chunk's start index with it, or walk the chunks in order.");
        }
        expectEveryItemOnce(expected, got, scenario);
        if (!got.equals(expected)) {
            fail(scenario + " gave " + got + ", expected " + expected + ": every result is there, but not in the"
                    + " order of the items");
        }
    }

    /** {@code fn} raises on item 5: map raises the task's own IllegalArgumentException, promptly. */
    @Test
    @DisplayName("an exception in fn reaches the caller with its own type: no null, no hang")
    void anExceptionReachesTheCaller() throws Exception {
        List<Integer> items = IntStream.range(0, 10).boxed().toList();
        PicklableFunction<Integer, Integer> failsOnFive = x -> {
            if (x == 5) {
                throw new IllegalArgumentException("item 5 is bad input");
            }
            return x;
        };
        var outcome = new CompletableFuture<List<Integer>>();
        Thread caller = Thread.ofPlatform().name("map").start(() -> {
            try {
                outcome.complete(call(shared, failsOnFive, items, 3));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        });
        try {
            List<Integer> got = outcome.get(HELD.toMillis(), TimeUnit.MILLISECONDS);
            fail("fn raised IllegalArgumentException on item 5, and map returned " + got + " as if all was well:"
                    + " the exception was swallowed. Python's map raises the task's exception in the caller; let the"
                    + " exception that AsyncResult.get() throws (the task's own IllegalArgumentException) reach the"
                    + " caller.");
        } catch (TimeoutException hung) {
            fail("fn raised IllegalArgumentException on item 5 (the other tasks take no time), and map had neither"
                    + " returned nor raised " + HELD.toMillis() + " ms later. It waits for a result that will never"
                    + " come: a callback is not called for a task that raised (did you pass an error callback?), so a"
                    + " latch or count that only callbacks move never gets there. Waiting on each AsyncResult.get()"
                    + " throws the task's exception instead. map was waiting in:\n" + where(caller));
        } catch (ExecutionException raised) {
            Throwable cause = raised.getCause();
            if (cause instanceof AssertionError error) {
                throw error;
            }
            if (!(cause instanceof IllegalArgumentException) || !(cause.getCause() instanceof RemoteError)) {
                throw new AssertionError("fn raised IllegalArgumentException on item 5, and map threw " + cause
                        + "; expected the task's own IllegalArgumentException, its cause the RemoteError with the"
                        + " worker's trace, as AsyncResult.get() throws it: wrap it in nothing, replace it with"
                        + " nothing", cause);
            }
        } finally {
            caller.interrupt();
            caller.join(TimeLimits.MEDIUM);
        }
    }

    /**
     * Items 0..9 in chunks of 3. Item 0 waits until item 9 has started, so the chunk [0, 1, 2]
     * finishes last; yet its results come first. Each start is counted in shared memory, which
     * shows what ran, how often, and in what order.
     */
    @Test
    @DisplayName("keeps input order when the first chunk finishes last; one task per chunk, all chunks at once")
    void keepsOrderWhenTheFirstChunkIsSlow() throws Exception {
        List<Integer> items = IntStream.range(0, 10).boxed().toList();
        String name = "ordered-map-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        List<Integer> got;
        long[] started;
        long[] order;
        boolean gaveUp;
        try (var memory = SharedMemory.create(name, Probe.SIZE); var gate = Queue.<String>create(16)) {
            var pool = new Pool(2);
            try {
                got = call(pool, new Probe(name, gate, HELD)::apply, items, 3);
            } finally {
                pool.terminate();
                started = IntStream.range(0, 10).mapToLong(i -> memory.getLong(Probe.starts(i))).toArray();
                order = IntStream.range(0, 10).mapToLong(i -> memory.getLong(Probe.startedAs(i))).toArray();
                gaveUp = memory.getLong(Probe.GAVE_UP) != 0;
                memory.unlink();
            }
        }
        for (int i = 0; i < 10; i++) {
            if (started[i] == 0) {
                fail("item " + i + " was never run (result: " + got + "): no chunk sent to the pool held it. Cut the"
                        + " chunks up to the end of the list, the last, shorter chunk too (Python's items[i:i + 3]"
                        + " stops at the end).");
            }
            if (started[i] > 1) {
                fail("item " + i + " was run " + started[i] + " times: each item belongs to exactly one chunk");
            }
        }
        expectEveryItemOnce(items, got, "map(x -> x, 0..9, chunksize 3)");
        if (gaveUp) {
            fail("item 0 waited " + HELD.toMillis() + " ms for item 9 to start, and gave up: the chunk [9] was not"
                    + " at work while the chunk [0, 1, 2] ran, although a worker was free. The chunks went one at a"
                    + " time, each awaited before the next was submitted. Submit every chunk first, then wait on"
                    + " each in order.");
        }
        if (!got.equals(items)) {
            fail("results came back as " + got + ", expected " + items + ": the chunk [0, 1, 2] finished last, and"
                    + " its results were put last. Collect the results by walking the chunks in input order and"
                    + " waiting on each (AsyncResult.get()), not in the order they finish.");
        }
        if (order[1] < order[9]) {
            fail("item 1 started before item 9, while item 0 was still running: items 0, 1 and 2 did not travel"
                    + " as one task. With chunksize 3, map sends one task per chunk of 3, and the worker runs the"
                    + " chunk's items one after another: fewer round trips, which is the point of chunksize.");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /**
     * What each item does in a worker: count its start and number it in the order of starts;
     * item 9 opens the gate, item 0 waits for it (at most {@code held}) and notes if it gave up.
     */
    record Probe(String memory, Queue<String> gate, Duration held) implements Serializable {
        static final long GAVE_UP = 8;
        static final long SIZE = 8 * 22;

        static long starts(int item) {
            return 8 * (2 + item);
        }

        static long startedAs(int item) {
            return 8 * (12 + item);
        }

        int apply(int x) throws InterruptedException {
            try (var m = SharedMemory.attach(memory)) {
                m.getAndAddLong(starts(x), 1);
                m.setLong(startedAs(x), m.getAndAddLong(0, 1) + 1);
                if (x == 9) {
                    gate.put("item 9 has started");
                }
                if (x == 0 && !Gate.passed(gate, held)) {
                    m.setLong(GAVE_UP, 1);
                }
            }
            return x;
        }
    }

    private static void expectMapped(List<Integer> items, int chunksize, String scenario) {
        List<Integer> expected = items.stream().map(x -> x + 1).toList();
        List<Integer> got = call(shared, x -> x + 1, items, chunksize);
        expectEveryItemOnce(expected, got, scenario + ": map(x -> x + 1, " + items + ", chunksize " + chunksize + ")");
        if (!got.equals(expected)) {
            fail(scenario + ": map(x -> x + 1, " + items + ", chunksize " + chunksize + ") gave " + got + ", expected "
                    + expected);
        }
    }

    private static boolean sameResults(List<Integer> expected, List<Integer> got) {
        var left = new ArrayList<>(expected);
        return got.stream().allMatch(r -> left.remove((Object) r)) && left.isEmpty();
    }

    /** Fails, naming the results missing or extra, unless {@code got} holds exactly the expected results. */
    private static void expectEveryItemOnce(List<Integer> expected, List<Integer> got, String scenario) {
        if (got == null) {
            fail(scenario + " returned null; expected the list " + expected);
        }
        var missing = new ArrayList<>(expected);
        var extra = new ArrayList<Integer>();
        for (Integer result : got) {
            if (!missing.remove(result)) {
                extra.add(result);
            }
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            fail(scenario + " gave " + got.size() + " results for " + expected.size() + " items: " + got + "."
                    + (missing.isEmpty() ? "" : " Missing: " + missing + " — items that were never sent, or whose"
                    + " results were dropped (is the last, shorter chunk cut and collected?).")
                    + (extra.isEmpty() ? "" : " Extra or wrong: " + extra + " — results that were added twice, or"
                    + " places left empty (null)."));
        }
    }

    private static List<Integer> call(Pool pool, PicklableFunction<Integer, Integer> fn, List<Integer> items,
                                      int chunksize) {
        try {
            return OrderedMap.map(pool, fn, items, chunksize);
        } catch (PicklingError e) {
            throw new AssertionError("a chunk could not be sent to a worker: " + e.getMessage()
                    + " (copy each chunk into a new ArrayList: a subList is only a view of the whole list)", e);
        } catch (IllegalStateException notRunning) {
            if (String.valueOf(notRunning.getMessage()).contains("not running")) {
                throw new AssertionError("map was given a pool that an earlier map had closed or terminated ("
                        + notRunning.getMessage() + "). The pool belongs to the caller, who may map again: like"
                        + " Python's pool.map, leave it open; whoever created it ends it.", notRunning);
            }
            throw notRunning;
        }
    }

    private static String where(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).map(f -> "    at " + f).filter(f -> !f.contains("java.base/"))
                .limit(6)
                .collect(Collectors.joining("\n"));
    }
}
