package dev.rosetta.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What futures record while tracing is on: submit, then the run from start to done. */
class FutureTraceTest {

    /** On a thread pool: a submit on the submitting thread, then the run on a pool thread, after it, with its time in the queue. */
    @Test
    void threadPoolFuturesRecordSubmitThenRun() throws Exception {
        List<Span> spans;
        try (ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("pool-thread-", 1).factory());
             Tracer tracer = Tracer.record()) {
            var futures = List.of(Futures.submit(pool, () -> 1), Futures.submit(pool, () -> 2), Futures.submit(pool, () -> 3));
            assertEquals(List.of(1, 2, 3), futures.stream().map(f -> f.join()).toList());
            spans = tracer.spans();
        }
        List<Span> submits = ofKind(spans, FutureTrace.SUBMIT);
        List<Span> runs = ofKind(spans, FutureTrace.RUNS);
        assertEquals(3, submits.size(), "one submit per future: " + spans);
        assertEquals(3, runs.size(), "one run per future: " + spans);
        String me = Thread.currentThread().getName();
        assertTrue(submits.stream().allMatch(s -> s.lane().thread().equals(me)), "submits are on the submitting thread: " + submits);
        assertTrue(runs.stream().allMatch(s -> s.lane().thread().startsWith("pool-thread-")), "runs are on the pool's threads: " + runs);
        for (Span run : runs) {
            Span submit = submits.stream().filter(s -> s.name().equals("submit " + run.name())).findFirst().orElseThrow(
                    () -> new AssertionError("no submit for " + run + " in " + submits));
            assertTrue(run.startMicros() >= submit.startMicros(), "a future starts after it is submitted: " + submit + " " + run);
            assertEquals(run.startMicros() - submit.startMicros(), Long.parseLong(run.args().get("queued_us")), 1,
                    "queued_us is the time from submit to start");
        }
    }

    /** On a process pool: a submit here, the run as a chunk on a worker's lane, the done on a results thread. */
    @Test
    void processPoolFuturesRecordSubmitRunAndDone() {
        List<Span> spans;
        try (var pool = new ProcessPoolExecutor(1); Tracer tracer = Tracer.record()) {
            assertEquals(7, pool.submit(() -> 7).join());
            spans = tracer.spans();
        }
        Set<String> kinds = spans.stream().map(Span::kind).collect(Collectors.toSet());
        assertEquals(Set.of(FutureTrace.SUBMIT, "chunk", FutureTrace.DONE), kinds, "submit -> chunk -> done: " + spans);
        Span chunk = ofKind(spans, "chunk").getFirst();
        assertTrue(chunk.lane().process().startsWith("worker-1 (pid "), "the run is on the worker's lane: " + chunk);
        assertTrue(ofKind(spans, FutureTrace.DONE).getFirst().startMicros() >= ofKind(spans, FutureTrace.SUBMIT).getFirst().startMicros());
    }

    /** Tracing off: a future records nothing. */
    @Test
    void tracingOffRecordsNothing() {
        Tracer closed = Tracer.record();
        closed.close();
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            assertEquals(1, Futures.submit(pool, () -> 1).join());
        }
        assertEquals(List.of(), closed.spans());
    }

    private static List<Span> ofKind(List<Span> spans, String kind) {
        return spans.stream().filter(s -> s.kind().equals(kind)).toList();
    }
}
