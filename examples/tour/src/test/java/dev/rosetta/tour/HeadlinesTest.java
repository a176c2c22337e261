package dev.rosetta.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.tour.rows.AsyncioRow;
import dev.rosetta.tour.rows.DaskRow;
import dev.rosetta.tour.rows.FuturesRow;
import dev.rosetta.tour.rows.MultiprocessingRow;
import dev.rosetta.tour.rows.RayRow;
import dev.rosetta.tour.rows.ThreadingRow;
import dev.rosetta.trace.Lane;
import dev.rosetta.trace.Span;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each row's headline experiment, traced, records what its picture promises the learner
 * (the chapters' See it and the report's timelines). Properties of the spans, not of their timing.
 */
@TimeLimit(seconds = 120)
class HeadlinesTest {
    /** Every built row has a headline to draw. */
    @Test
    void everyBuiltRowHasAHeadline() {
        for (TourRow row : Rows.all()) {
            if (row.built()) {
                assertNotNull(row.headline(), row.name() + " has no headline(): its chapter and the report have no timeline");
            }
        }
    }

    /** Under the GIL the threads' holds never overlap: at any instant one thread holds it. */
    @Test
    void theGilsHoldsTakeTurns() {
        List<Span> holds = kind(watch(new ThreadingRow()), "holds GIL");
        assertTrue(lanes(holds).size() >= 2, "the GIL was held by fewer than two threads: " + lanes(holds));
        List<Span> byStart = holds.stream().sorted(Comparator.comparingLong(Span::startMicros)).toList();
        for (int i = 1; i < byStart.size(); i++) {
            Span before = byStart.get(i - 1);
            Span next = byStart.get(i);
            assertTrue(next.startMicros() >= before.endMicros(), "two threads held the GIL at once: " + before + " and " + next);
        }
    }

    /** A pool's chunks arrive in the parent on lanes named after the worker processes, "worker-1 (pid 1234)". */
    @Test
    void thePoolsChunksAreOnTheWorkersLanes() {
        List<Span> chunks = kind(watch(new MultiprocessingRow()), "chunk");
        assertEquals(8, chunks.size(), "one chunk per task (chunksize=1)");
        Set<String> processes = chunks.stream().map(s -> s.lane().process()).collect(Collectors.toSet());
        assertEquals(2, processes.size(), "two workers ran the chunks: " + processes);
        processes.forEach(p -> assertTrue(p.matches("worker-\\d+ \\(pid \\d+\\)"), "a worker's lane is named " + p));
    }

    /** Every future is submitted on the caller's lane and runs on one of the pool's two threads. */
    @Test
    void theFuturesRunOnThePoolsTwoThreads() {
        List<Span> spans = watch(new FuturesRow());
        assertEquals(8, kind(spans, "submit").size(), "eight submits");
        List<Span> runs = kind(spans, "future runs");
        assertEquals(8, runs.size(), "eight futures ran");
        assertEquals(2, lanes(runs).size(), "on the pool's two threads: " + lanes(runs));
    }

    /** The event loop runs every task step and callback on one lane, its thread. */
    @Test
    void theEventLoopHasOneLane() {
        List<Span> spans = watch(new AsyncioRow());
        List<Span> onTheLoop = spans.stream()
                .filter(s -> Set.of("task step", "callback", "slow callback").contains(s.kind())).toList();
        // a step that a busy machine stretched past the slow-callback threshold is recorded as a slow callback
        long steps = onTheLoop.stream().filter(s -> !s.kind().equals("callback")).count();
        assertTrue(steps >= 30, "10 tasks × 3 awaits should take 30 steps or more, were " + steps);
        assertEquals(1, lanes(onTheLoop).size(), "the loop ran on several threads: " + lanes(onTheLoop));
    }

    /** dask's graph runs as tasks on the threads scheduler's two threads: a bar per partition task and the reduction. */
    @Test
    void theDaskGraphRunsOnTheSchedulersThreads() {
        List<Span> tasks = kind(watch(new DaskRow()), "dask task");
        assertTrue(tasks.size() >= 8, "at least one task per partition (8), were " + tasks.size());
        assertTrue(lanes(tasks).size() <= 2, "the threads scheduler has two threads, but tasks ran on " + lanes(tasks));
    }

    /** ray's tasks run in the worker processes; an actor's calls all on one lane, never two at once. */
    @Test
    void theActorsCallsTakeTurnsOnOneLane() {
        List<Span> spans = watch(new RayRow());
        assertEquals(40, kind(spans, "ray task").size(), "forty tasks");
        List<Span> calls = kind(spans, "ray actor call");
        assertEquals(20, calls.size(), "twenty actor calls");
        assertEquals(1, lanes(calls).size(), "an actor lives in one process: " + lanes(calls));
        List<Span> byStart = calls.stream().sorted(Comparator.comparingLong(Span::startMicros)).toList();
        for (int i = 1; i < byStart.size(); i++) {
            assertTrue(byStart.get(i).startMicros() >= byStart.get(i - 1).endMicros(),
                    "two calls of one actor overlapped: " + byStart.get(i - 1) + " and " + byStart.get(i));
        }
    }

    private static List<Span> watch(TourRow row) {
        Tour.Watched watched = Tour.Watched.run(row.headline());
        assertNull(watched.error(), row.name() + "'s headline failed");
        return watched.spans();
    }

    private static List<Span> kind(List<Span> spans, String kind) {
        return spans.stream().filter(s -> s.kind().equals(kind)).toList();
    }

    private static Set<Lane> lanes(List<Span> spans) {
        return spans.stream().map(Span::lane).collect(Collectors.toSet());
    }
}
