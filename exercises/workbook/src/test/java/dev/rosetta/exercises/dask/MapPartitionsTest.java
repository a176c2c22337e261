package dev.rosetta.exercises.dask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code dask/map-partitions}. The pool ({@link HandPool}) has no threads: the
 * partitions' tasks run when the caller waits, newest first, so they finish in reverse order on
 * every run. The contract, one property per test:
 * <ul>
 *   <li>One result per partition, in the order of the partitions, even when the last finishes first.</li>
 *   <li>Every partition's task is submitted before {@code mapPartitions} waits for any.</li>
 *   <li>The function runs inside the tasks, once per whole partition.</li>
 *   <li>An empty partition is a partition: it gets a result too; no partitions, no task.</li>
 *   <li>The function's exception reaches the caller as the cause of an {@link ExecutionException}.</li>
 * </ul>
 */
@TimeLimit(seconds = 20)
class MapPartitionsTest {

    /** Partitions of 3, 0, 5, 1 and 4 rows, numbered on from 0. */
    private static final List<List<Integer>> FRAME = frame(3, 0, 5, 1, 4);

    private static List<List<Integer>> frame(int... sizes) {
        var partitions = new ArrayList<List<Integer>>();
        int next = 0;
        for (int size : sizes) {
            partitions.add(IntStream.range(next, next + size).boxed().toList());
            next += size;
        }
        return partitions;
    }

    /** What the function saw: each call's partition, and whether it ran on the pool. */
    private static final class Calls {
        final List<List<Integer>> seen = Collections.synchronizedList(new ArrayList<>());
        final List<List<Integer>> inTheCaller = Collections.synchronizedList(new ArrayList<>());
    }

    private static List<String> sorted(List<List<Integer>> partitions) {
        return partitions.stream().map(String::valueOf).sorted().toList();
    }

    private static <R> List<R> run(HandPool pool, List<List<Integer>> frame, Calls calls, Function<List<Integer>, R> fn)
            throws Exception {
        return pool.drive("map_partitions over " + frame.size() + " partitions", () ->
                MapPartitions.mapPartitions(pool, frame, partition -> {
                    calls.seen.add(partition);
                    if (!pool.onPool()) {
                        calls.inTheCaller.add(partition);
                    }
                    return fn.apply(partition);
                }));
    }

    @Test
    @DisplayName("one result per partition, in the order of the partitions, though the last finishes first")
    void resultsInPartitionOrder() throws Exception {
        var pool = new HandPool();
        List<Integer> sums = run(pool, FRAME, new Calls(), p -> p.stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of(3, 0, 25, 8, 42), sums, "map_partitions(sum) over partitions of 3, 0, 5, 1 and 4 rows,"
                + " whose tasks finished last one first: each result must sit at the index of its partition, in the"
                + " order of the partitions, not in the order the tasks finished (a frame's partitions keep their order)");
        assertFalse(pool.isShutdown(), "mapPartitions shut the pool down: it is the caller's");
    }

    @Test
    @DisplayName("every partition's task is submitted before waiting for any")
    void everyTaskSubmittedBeforeWaiting() throws Exception {
        var pool = new HandPool();
        run(pool, FRAME, new Calls(), List::size);
        assertEquals(5, pool.waves().getFirst(), "map_partitions over 5 partitions: when mapPartitions first waited"
                + " for a result, only " + pool.waves().getFirst() + " task(s) had been submitted (each wait, the"
                + " tasks queued: " + pool.waves() + "). Submit every partition's task before waiting for any, or the"
                + " partitions run one at a time");
    }

    @Test
    @DisplayName("the function runs inside the tasks, once per whole partition")
    void oncePerPartitionInsideTheTasks() throws Exception {
        var calls = new Calls();
        run(new HandPool(), FRAME, calls, List::size);
        assertEquals(List.of(), calls.inTheCaller, "the function was applied to these partitions in the caller's"
                + " thread, not inside a task on the pool: apply it inside each partition's task");
        assertEquals(sorted(FRAME), sorted(calls.seen), "the function must be called exactly once per partition, with the whole"
                + " partition (each list is what one call received)");
    }

    @Test
    @DisplayName("an empty partition gets a result too; no partitions, no task")
    void emptyPartitionsArePartitions() throws Exception {
        List<Integer> lengths = run(new HandPool(), FRAME, new Calls(), List::size);
        if (lengths.size() != 5 || !lengths.contains(0)) {
            fail("map_partitions(len) over partitions of 3, 0, 5, 1 and 4 rows gave " + lengths + ": an empty"
                    + " partition is a partition too (a filter leaves them behind) and its len is 0; skipping it"
                    + " leaves fewer results than partitions, each after it paired with the wrong partition");
        }
        List<Integer> one = run(new HandPool(), frame(0), new Calls(), List::size);
        assertEquals(List.of(0), one, "a frame of one empty partition: one result, len 0");

        var none = new HandPool();
        assertEquals(List.of(), run(none, List.of(), new Calls(), List::size), "no partitions, no results");
        assertEquals(0, none.submitted(), "no partitions: no task must be submitted");
    }

    @Test
    @DisplayName("the function's exception reaches the caller as the cause of an ExecutionException")
    void exceptionKeptAsTheCause() {
        var broken = new IllegalStateException("partition 2 has a malformed row");
        var e = assertThrows(ExecutionException.class, () -> run(new HandPool(), FRAME, new Calls(), p -> {
            if (p.contains(3)) {
                throw broken;
            }
            return p.size();
        }), "partition 2's function threw " + broken + ": mapPartitions must throw an ExecutionException (as"
                + " Future.get() does when its task raised)");
        assertSame(broken, e.getCause(), "partition 2's function threw " + broken + ": the ExecutionException's"
                + " cause must be that exception, but it was " + e.getCause());
    }
}
