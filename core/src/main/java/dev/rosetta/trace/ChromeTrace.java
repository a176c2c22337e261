package dev.rosetta.trace;

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

    /** The spans as a Chrome trace JSON document. */
    public static String toJson(List<Span> spans) {
        Map<String, Integer> pids = new LinkedHashMap<>();
        Map<Lane, Integer> tids = new LinkedHashMap<>();
        var events = new ArrayList<Object>();
        for (Span span : spans) {
            boolean newProcess = !pids.containsKey(span.lane().process());
            int pid = pids.computeIfAbsent(span.lane().process(), p -> pids.size() + 1);
            if (newProcess) {
                events.add(metadata("process_name", pid, 0, span.lane().process()));
            }
            boolean newThread = !tids.containsKey(span.lane());
            int tid = tids.computeIfAbsent(span.lane(), l -> tids.size() + 1);
            if (newThread) {
                events.add(metadata("thread_name", pid, tid, span.lane().thread()));
            }
            var event = new LinkedHashMap<String, Object>();
            event.put("name", span.name());
            event.put("ph", "X");
            event.put("ts", span.startMicros());
            event.put("dur", span.durationMicros());
            event.put("pid", pid);
            event.put("tid", tid);
            if (!span.args().isEmpty()) {
                event.put("args", span.args());
            }
            events.add(event);
        }
        var root = new LinkedHashMap<String, Object>();
        root.put("traceEvents", events);
        root.put("displayTimeUnit", "ms");
        return Json.write(root);
    }

    /** Writes the spans to {@code file} as a Chrome trace. */
    public static void write(Path file, List<Span> spans) throws IOException {
        Files.writeString(file, toJson(spans));
    }

    private static Map<String, Object> metadata(String kind, int pid, int tid, String name) {
        var event = new LinkedHashMap<String, Object>();
        event.put("name", kind);
        event.put("ph", "M");
        event.put("pid", pid);
        event.put("tid", tid);
        event.put("args", Map.of("name", name));
        return event;
    }
}
