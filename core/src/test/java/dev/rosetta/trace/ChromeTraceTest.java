package dev.rosetta.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChromeTraceTest {

    /** Every span is a complete event; processes and threads are numbered and named by metadata. */
    @Test
    @SuppressWarnings("unchecked")
    void exportsCompleteEventsWithNamedLanes() {
        List<Span> spans = List.of(
                new Span("a", new Lane("main", "T1"), 100, 150, Map.of("n", "1")),
                new Span("b", new Lane("worker-1", "w"), 120, 200, Map.of()),
                new Span("c", new Lane("main", "T1"), 160, 170, Map.of()));

        Map<String, Object> trace = Json.parseObject(ChromeTrace.toJson(spans));

        List<Map<String, Object>> events = (List<Map<String, Object>>) trace.get("traceEvents");
        List<Map<String, Object>> complete = events.stream().filter(e -> e.get("ph").equals("X")).toList();
        assertEquals(List.of("a", "b", "c"), complete.stream().map(e -> e.get("name")).toList());
        assertEquals(new BigDecimal(100), complete.get(0).get("ts"));
        assertEquals(new BigDecimal(50), complete.get(0).get("dur"));
        assertEquals(Map.of("n", "1"), complete.get(0).get("args"));
        assertEquals(complete.get(0).get("pid"), complete.get(2).get("pid"));
        assertEquals(complete.get(0).get("tid"), complete.get(2).get("tid"));
        assertEquals(new BigDecimal(2), complete.get(1).get("pid"));

        List<String> names = events.stream().filter(e -> e.get("ph").equals("M"))
                .map(e -> e.get("name") + "=" + ((Map<String, Object>) e.get("args")).get("name")).toList();
        assertEquals(List.of("process_name=main", "thread_name=T1", "process_name=worker-1", "thread_name=w"), names);
    }
}
