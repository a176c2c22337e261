package dev.rosetta.trace;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports spans in the Chrome Trace Event format, which https://ui.perfetto.dev and
 * chrome://tracing open: one "complete" event ({@code "ph": "X"}) per span, each process and
 * thread numbered in order of first appearance, and metadata events ({@code "ph": "M"}) that
 * give every process and thread its name, so the lanes read "worker-1 / pool-thread-2", not "pid 3".
 *
 * <p>Thread-safety: stateless.
 */
public final class ChromeTrace {
    private ChromeTrace() {
    }

    /** The document: the events, and the unit Perfetto shows durations in. */
    record Document(List<Event> traceEvents, String displayTimeUnit) {
    }

    /**
     * One event. {@code ph} is its phase: {@code X} a complete span (with {@code ts} and
     * {@code dur}, in microseconds), {@code M} metadata naming a process or thread (no times).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String name, String ph, Long ts, Long dur, int pid, int tid, Map<String, String> args) {
        static Event complete(Span span, int pid, int tid) {
            return new Event(span.name(), "X", span.startMicros(), span.durationMicros(), pid, tid,
                    span.args().isEmpty() ? null : span.args());
        }

        static Event metadata(String kind, int pid, int tid, String name) {
            return new Event(kind, "M", null, null, pid, tid, Map.of("name", name));
        }
    }

    /** The spans as a Chrome trace JSON document. */
    public static String toJson(List<Span> spans) {
        Map<String, Integer> pids = new LinkedHashMap<>();
        Map<Lane, Integer> tids = new LinkedHashMap<>();
        var events = new ArrayList<Event>();
        for (Span span : spans) {
            boolean newProcess = !pids.containsKey(span.lane().process());
            int pid = pids.computeIfAbsent(span.lane().process(), p -> pids.size() + 1);
            if (newProcess) {
                events.add(Event.metadata("process_name", pid, 0, span.lane().process()));
            }
            boolean newThread = !tids.containsKey(span.lane());
            int tid = tids.computeIfAbsent(span.lane(), l -> tids.size() + 1);
            if (newThread) {
                events.add(Event.metadata("thread_name", pid, tid, span.lane().thread()));
            }
            events.add(Event.complete(span, pid, tid));
        }
        return JsonIo.compact(new Document(events, "ms"));
    }

    /** Writes the spans to {@code file} as a Chrome trace. */
    public static void write(Path file, List<Span> spans) throws IOException {
        Files.writeString(file, toJson(spans));
    }
}
