package dev.rosetta.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.trace.Lane;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A traced Pool: each chunk a worker runs comes back to the parent's trace, on that worker's lane. */
class PoolTraceTest {
    private static final Pattern WORKER_LANE = Pattern.compile("worker-(\\d+) \\(pid (\\d+)\\)");
    private static final List<Integer> TWELVE = IntStream.range(0, 12).boxed().toList();

    /** Every chunk's span, recorded in a worker, arrives in the parent's tracer labelled "worker-N (pid P)" with a real worker's pid. */
    @Test
    void aSpanRecordedInAWorkerArrivesOnTheWorkersLane() {
        List<Span> chunks;
        List<Long> pids;
        try (var pool = new Pool(2); Tracer tracer = Tracer.record()) {
            pids = pool.workerPids();
            assertEquals(TWELVE.stream().map(x -> x + 1).toList(), pool.map(x -> x + 1, TWELVE, 3));
            chunks = tracer.spans().stream().filter(s -> s.kind().equals("chunk")).toList();
        }
        assertEquals(4, chunks.size(), "12 tasks in chunks of 3 are 4 chunk spans: " + chunks);
        assertEquals(12, chunks.stream().mapToInt(s -> Integer.parseInt(s.args().get("tasks"))).sum(), "the spans count every task");
        Set<String> lanes = chunks.stream().map(s -> s.lane().process()).collect(Collectors.toSet());
        for (String lane : lanes) {
            Matcher worker = WORKER_LANE.matcher(lane);
            assertTrue(worker.matches() && pids.contains(Long.parseLong(worker.group(2))),
                    "a chunk span must be on a worker's lane, 'worker-N (pid P)' with P one of " + pids + "; was on '" + lane + "'");
            assertEquals(Lane.workerProcess(Integer.parseInt(worker.group(1)), Long.parseLong(worker.group(2))), lane);
        }
        assertTrue(chunks.stream().allMatch(s -> s.lane().thread().equals("main")), "a worker runs chunks on its main thread: " + chunks);
    }

    /** Tracing off: workers are not asked for spans, and nothing is recorded. */
    @Test
    void tracingOffRecordsNothing() {
        Tracer closed = Tracer.record();
        closed.close();
        try (var pool = new Pool(1)) {
            assertEquals(List.of(1, 2, 3), pool.map(x -> x + 1, List.of(0, 1, 2), 1));
        }
        assertEquals(List.of(), closed.spans());
    }
}
