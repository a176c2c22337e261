package dev.rosetta.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChromeTraceTest {

    /** Every span is a complete event; processes and threads are numbered and named by metadata. */
    @Test
    void exportsCompleteEventsWithNamedLanes() {
        List<Span> spans = List.of(
                new Span("a", new Lane("main", "T1"), 100, 150, Map.of("n", "1")),
                new Span("b", new Lane("worker-1", "w"), 120, 200, Map.of()),
                new Span("c", new Lane("main", "T1"), 160, 170, Map.of()));

        JsonNode trace = JsonIo.parse(ChromeTrace.toJson(spans), JsonNode.class);

        List<JsonNode> events = StreamSupport.stream(trace.get("traceEvents").spliterator(), false).toList();
        List<JsonNode> complete = events.stream().filter(e -> e.get("ph").asText().equals("X")).toList();
        assertEquals(List.of("a", "b", "c"), complete.stream().map(e -> e.get("name").asText()).toList());
        assertEquals(100, complete.get(0).get("ts").asLong());
        assertEquals(50, complete.get(0).get("dur").asLong());
        assertEquals("1", complete.get(0).get("args").get("n").asText());
        assertFalse(complete.get(1).has("args"), "a span without args has no args member: " + complete.get(1));
        assertEquals(complete.get(0).get("pid"), complete.get(2).get("pid"));
        assertEquals(complete.get(0).get("tid"), complete.get(2).get("tid"));
        assertEquals(2, complete.get(1).get("pid").asInt());

        List<String> names = events.stream().filter(e -> e.get("ph").asText().equals("M"))
                .map(e -> e.get("name").asText() + "=" + e.get("args").get("name").asText()).toList();
        assertEquals(List.of("process_name=main", "thread_name=T1", "process_name=worker-1", "thread_name=w"), names);
        assertFalse(events.getFirst().has("ts"), "metadata has no time: " + events.getFirst());
        assertEquals("ms", trace.get("displayTimeUnit").asText());
    }

    /** The file holds exactly the document: event by event, in the order the format expects its members. */
    @Test
    void writesTheFormatsMemberOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trace.json");
        ChromeTrace.write(file, List.of(new Span("step", new Lane("main", "loop"), 5, 7, Map.of("kind", "task step"))));

        assertEquals("{\"traceEvents\":["
                + "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":0,\"args\":{\"name\":\"main\"}},"
                + "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,\"args\":{\"name\":\"loop\"}},"
                + "{\"name\":\"step\",\"ph\":\"X\",\"ts\":5,\"dur\":2,\"pid\":1,\"tid\":1,\"args\":{\"kind\":\"task step\"}}"
                + "],\"displayTimeUnit\":\"ms\"}", java.nio.file.Files.readString(file));
    }
}
