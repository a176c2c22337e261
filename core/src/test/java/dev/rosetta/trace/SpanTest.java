package dev.rosetta.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanTest {

    /** A span survives the trip from a worker as one line, whatever characters its fields hold. */
    @Test
    void encodeDecodeRoundTrip() {
        var args = new LinkedHashMap<String, String>();
        args.put("chunk", "3");
        args.put("odd\tkey", "line\nbreak \\ backslash");
        var span = new Span("task\t7", new Lane("worker-1", "main\\thread"), 1_000, 1_250, args);

        String line = span.encode();

        assertTrue(!line.contains("\n"), line);
        assertEquals(span, Span.decode(line));
        assertEquals(250, Span.decode(line).durationMicros());
    }

    /** A line that is not a span is refused, quoting it. */
    @Test
    void badLinesAreNamed() {
        var few = assertThrows(IllegalArgumentException.class, () -> Span.decode("just\tthree\tfields"));
        assertTrue(few.getMessage().startsWith("not an encoded span (needs name, process, thread, start, end"), few.getMessage());
        assertTrue(few.getMessage().endsWith(": just\tthree\tfields"), few.getMessage());
        var words = assertThrows(IllegalArgumentException.class, () -> Span.decode("a\tp\tt\tsoon\tlater"));
        assertTrue(words.getMessage().contains("start and end must be whole microseconds"), words.getMessage());
    }

    /** A span cannot end before it starts. */
    @Test
    void endNotBeforeStart() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Span("x", new Lane("p", "t"), 5, 4, Map.of()));
        assertEquals("span 'x' ends (4 µs) before it starts (5 µs)", e.getMessage());
    }
}
