package dev.rosetta.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.StartGate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TracerTest {

    /** Spans recorded by threads racing each other are all kept, each on its own thread's lane. */
    @Test
    void recordsEverySpanFromManyThreads() throws InterruptedException {
        var tracer = new Tracer();
        int threads = 4;
        int perThread = 5_000;

        StartGate.runTogether(threads, "tracer", i -> {
            for (int n = 0; n < perThread; n++) {
                try (var span = tracer.span("task-" + n, Map.of("racer", Integer.toString(i)))) {
                    Thread.onSpinWait();
                }
            }
        });

        List<Span> spans = tracer.spans();
        assertEquals(threads * perThread, spans.size());
        Set<String> lanes = spans.stream().map(s -> s.lane().thread()).collect(Collectors.toSet());
        assertEquals(Set.of("tracer-0", "tracer-1", "tracer-2", "tracer-3"), lanes);
        assertTrue(spans.stream().allMatch(s -> s.lane().thread().equals("tracer-" + s.args().get("racer"))));
        for (int i = 1; i < spans.size(); i++) {
            assertTrue(spans.get(i - 1).startMicros() <= spans.get(i).startMicros(), "spans() is ordered by start");
        }
    }

    /** Spans from a worker process join the parent's, and clear() forgets them all. */
    @Test
    void addsFinishedSpansAndClears() {
        var tracer = new Tracer();
        var fromWorker = Span.decode(new Span("remote", new Lane("worker-1", "w"), 10, 20, Map.of()).encode());
        tracer.addAll(List.of(fromWorker));
        try (var span = tracer.span("local")) {
            assertEquals(1, tracer.spans().size(), "a span is recorded when it closes, not before");
        }
        assertEquals(List.of("remote", "local"), tracer.spans().stream().map(Span::name).toList());
        assertEquals("main", tracer.spans().getLast().lane().process());

        tracer.clear();
        assertEquals(List.of(), tracer.spans());
    }

    /** The disabled tracer records nothing. */
    @Test
    void disabledRecordsNothing() {
        Tracer off = Tracer.disabled();
        try (var span = off.span("ignored")) {
            off.record(new Span("also ignored", Lane.current(), 0, 1, Map.of()));
        }
        assertEquals(List.of(), off.spans());
    }
}
