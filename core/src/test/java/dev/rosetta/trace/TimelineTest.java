package dev.rosetta.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {

    /** Two threads taking turns draw as two rows whose bars alternate. */
    @Test
    void drawsTurnTaking() {
        var t1 = new Lane("main", "T1");
        var t2 = new Lane("main", "T2");
        List<Span> spans = List.of(
                new Span("a", t1, 0, 2_000, Map.of()),
                new Span("b", t2, 2_000, 4_000, Map.of()),
                new Span("c", t1, 4_000, 6_000, Map.of()),
                new Span("d", t2, 6_000, 8_000, Map.of()));

        assertEquals("""
                main/T1 |##  ##  |
                main/T2 |  ##  ##|
                         0 ms 8.0 ms
                """, Timeline.render(spans, 8));
    }

    /** No spans, no picture; a width below one cell is refused. */
    @Test
    void edgeCases() {
        assertEquals("(no spans recorded)\n", Timeline.render(List.of(), 10));
        var e = assertThrows(IllegalArgumentException.class, () -> Timeline.render(List.of(), 0));
        assertEquals("width must be at least 1 cell, was 0", e.getMessage());
    }
}
