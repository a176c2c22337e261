package dev.rosetta.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.StartGate;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the GIL records while tracing is on: who holds it, the drop requests, the forced switches. */
class GilTraceTest {

    /** Two CPU-bound threads under the 3.2+ GIL: their holds take turns and never overlap; waiters ask, holders are forced to switch. */
    @Test
    void newGilRecordsHoldsDropRequestsAndForcedSwitches() throws Exception {
        List<Span> spans;
        try (Tracer tracer = Tracer.record()) {
            spinUntilSwitched(new NewGil(Duration.ofMillis(1)), 6);
            spans = tracer.spans();
        }
        List<Span> holds = ofKind(spans, GilTrace.HOLDS);
        assertEquals(Set.of("spinner-0", "spinner-1"), threads(holds), "both threads held the GIL: " + holds);
        assertTakeTurns(holds);
        List<Span> requests = ofKind(spans, GilTrace.DROP_REQUEST);
        assertFalse(requests.isEmpty(), "a waiter whose switch interval ran out must record its drop request");
        assertTrue(requests.stream().allMatch(r -> r.durationMicros() == 0 && r.args().get("holder").startsWith("spinner-")
                && !r.args().get("holder").equals(r.lane().thread())), "a drop request names the other thread, the holder: " + requests);
        assertFalse(ofKind(spans, GilTrace.FORCED_SWITCH).isEmpty(), "a holder asked to drop waits for the requester (FORCE_SWITCHING)");
    }

    /** The old GIL's periodic release (each 100 ticks in CPython; 10 here), won straight back, does not end the hold. */
    @Test
    void oldGilRecordsOneHoldWhileItsHolderWinsItBack() throws Exception {
        var gil = new OldGil(10);
        List<Span> holds;
        try (Tracer tracer = Tracer.record()) {
            gil.take();
            for (int tick = 0; tick < 30; tick++) {
                gil.checkPoint();
            }
            gil.drop();
            holds = ofKind(tracer.spans(), GilTrace.HOLDS_OLD);
        }
        assertEquals(1, holds.size(), "3 periodic releases, each won back at once, are still one hold: " + holds);
        assertEquals(3, gil.periodicReleases());
    }

    /** Tracing off: the same run records nothing anywhere. */
    @Test
    void tracingOffRecordsNothing() throws Exception {
        Tracer closed = Tracer.record();
        closed.close();
        spinUntilSwitched(new NewGil(Duration.ofMillis(1)), 2);
        assertEquals(List.of(), closed.spans());
    }

    /** Off costs nothing: 100,000 take/drop cycles allocate no memory with tracing off, and a span per hold with it on. */
    @Test
    void tracingOffAllocatesNothingOnTheHotPath() throws Exception {
        var gil = new NewGil(Duration.ofMillis(5));
        takeAndDrop(gil, 100_000);      // warm up: classes loaded, code compiled
        long off = allocatedBy(() -> takeAndDrop(gil, 100_000));
        long on;
        try (Tracer tracer = Tracer.record()) {
            on = allocatedBy(() -> takeAndDrop(gil, 100_000));
            assertEquals(100_000, tracer.spans().size(), "one hold per take/drop");
        }
        assertTrue(off < 16_384, "with tracing off the GIL must not allocate; 100,000 take/drop cycles allocated " + off + " bytes");
        assertTrue(on > 100_000 * 32L, "with tracing on every hold is a span; allocated only " + on + " bytes");
    }

    private static void takeAndDrop(GlobalInterpreterLock gil, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            gil.take();
            gil.checkPoint();
            gil.drop();
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    /** Bytes the calling thread allocated while running {@code body} (HotSpot's per-thread allocation counter). */
    private static long allocatedBy(Body body) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        body.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /** Two threads run check points until the GIL has changed hands {@code switches} times. */
    private static void spinUntilSwitched(GlobalInterpreterLock gil, int switches) throws InterruptedException {
        StartGate.runTogether(2, "spinner", i -> {
            gil.take();
            try {
                while (gil.switches() < switches) {
                    gil.checkPoint();
                }
            } finally {
                gil.drop();
            }
        });
    }

    private static void assertTakeTurns(List<Span> holds) {
        for (int i = 1; i < holds.size(); i++) {
            assertTrue(holds.get(i).startMicros() >= holds.get(i - 1).endMicros(),
                    "two threads held the GIL at once: " + holds.get(i - 1) + " and " + holds.get(i));
        }
    }

    private static List<Span> ofKind(List<Span> spans, String kind) {
        return spans.stream().filter(s -> s.kind().equals(kind)).toList();
    }

    private static Set<String> threads(List<Span> spans) {
        return spans.stream().map(s -> s.lane().thread()).collect(Collectors.toSet());
    }
}
