package dev.rosetta.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The on-switch every row records through: {@link Tracer#record()}, and the mains' {@code --timeline FILE}. */
class RecordingTest {

    /** Off by default; record() switches it on until the tracer is closed; recordings nest. */
    @Test
    void recordSwitchesTracingOnUntilClosed() {
        assertNull(Tracer.active(), "tracing must be off unless someone records");
        try (Tracer outer = Tracer.record()) {
            assertSame(outer, Tracer.active());
            try (Tracer inner = Tracer.record()) {
                assertSame(inner, Tracer.active(), "the inner recording takes the spans");
            }
            assertSame(outer, Tracer.active(), "closing the inner one gives the spans back to the outer one");
            outer.close();
            assertNull(Tracer.active(), "closed: tracing is off again");
        }
    }

    /** Closing an outer recording before an inner one leaves the inner active, then falls back past the outer. */
    @Test
    void closingOutOfOrderNeverRevivesAClosedTracer() {
        Tracer outer = Tracer.record();
        Tracer inner = Tracer.record();
        outer.close();
        assertSame(inner, Tracer.active());
        inner.close();
        assertNull(Tracer.active(), "the outer tracer was closed: it must not come back");
    }

    /** --timeline FILE is taken out of the arguments; the main runs traced; both files are written and parse. */
    @Test
    void timelineFlagTracesTheMainAndWritesBothFiles(@TempDir Path dir) throws Exception {
        var seen = new AtomicReference<List<String>>();
        TimelineFlag.run(new String[] {"5", TimelineFlag.OPTION, dir.resolve("run").toString(), "x"}, args -> {
            seen.set(List.of(args));
            Tracer.active().instant("hello", Map.of(Span.KIND, "greeting"));
        });
        assertEquals(List.of("5", "x"), seen.get(), "the main gets every argument but --timeline FILE");
        assertNull(Tracer.active(), "tracing is off again after the main");
        var svg = SvgTimelineTest.parse(Files.readString(dir.resolve("run.svg")));
        assertEquals(1, SvgTimelineTest.elements(svg, "rect", "span").size());
        assertTrue(Files.readString(dir.resolve("run.json")).contains("\"hello\""), "the Chrome trace holds the span");
    }

    /** FILE.svg writes only the picture, FILE.json only the Chrome trace. */
    @Test
    void theExtensionChoosesTheFormat(@TempDir Path dir) throws Exception {
        TimelineFlag.run(new String[] {TimelineFlag.OPTION, dir.resolve("a.svg").toString()}, args -> { });
        TimelineFlag.run(new String[] {TimelineFlag.OPTION, dir.resolve("b.json").toString()}, args -> { });
        try (var files = Files.list(dir)) {
            assertEquals(List.of("a.svg", "b.json"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    /** Without the option the main runs untraced, with its arguments untouched; a lone --timeline is refused. */
    @Test
    void withoutTheFlagNothingIsTraced() throws Exception {
        var traced = new AtomicReference<Tracer>();
        TimelineFlag.run(new String[] {"1"}, args -> traced.set(Tracer.active()));
        assertNull(traced.get(), "tracing was on without --timeline");
        var error = assertThrows(IllegalArgumentException.class,
                () -> TimelineFlag.run(new String[] {TimelineFlag.OPTION}, args -> { }));
        assertTrue(error.getMessage().contains("needs a file"), error.getMessage());
    }
}
