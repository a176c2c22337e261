package dev.rosetta.tour;

import dev.rosetta.common.Words;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.trace.JsonIo;
import dev.rosetta.trace.Lane;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The tour's page ({@code --report DIR}): well-formed, offline, a chart and a timeline per built row. */
@TimeLimit(seconds = 60)
class ReportTest {
    static final Figure SPEEDUP = new Figure("cpu_speedup", "×", "8 tasks on 2 workers vs in sequence",
            Goal.atLeast(1.85), "2.03").withIdeal(2);
    static final Figure PER_TASK = new Figure("per_task_us", "µs/task", "a round trip", Goal.atMost(17), "17–19");
    static final Figure SURVIVED = new Figure("crash_survived", "true/false", "a killed worker", Goal.is(true), "false");
    /** The fake headline's kind: its colour (by name) is none of the charts' colours, so a screenshot can tell them apart. */
    static final String KIND = "chunk";
    static final Lane WORKER_1 = new Lane("worker-1 (pid 101)", "main");
    static final Lane WORKER_2 = new Lane("worker-2 (pid 102)", "main");

    /** A row with fixed figures, whose headline records four chunks on two worker lanes, two at a time. */
    record FakeRow(String name, TourRow.Headline headline) implements TourRow {
        @Override
        public Claims claims(Words words) {
            return new Claims(name, "a fake library <for tests> & more", "tests", "instant", "none", "a test");
        }

        @Override
        public void measure(Readings readings) {
            readings.put(SPEEDUP, new Measure.Sample(1.91, 1.8, 1.95, 5));
            readings.put(PER_TASK, new Measure.Sample(12.5, 11.0, 14.0, 3));
            readings.put(SURVIVED, true);
        }

        static FakeRow withChunks(String name) {
            return new FakeRow(name, new Headline("Pool(2).map(f, 4 tasks)", "two workers overlap", () -> {
                Tracer tracer = Tracer.active();
                long t = 1_000_000;
                for (int i = 0; i < 4; i++) {
                    Lane lane = i % 2 == 0 ? WORKER_1 : WORKER_2;
                    long start = t + (i / 2) * 50_000;
                    tracer.record(new Span("chunk " + i, lane, start, start + 45_000, Map.of(Span.KIND, KIND)));
                }
            }));
        }
    }

    static final List<Span> FAKE_SPANS = fakeSpans();

    private static List<Span> fakeSpans() {
        try (Tracer tracer = Tracer.record()) {
            FakeRow.withChunks("x").headline().experiment().run();
            tracer.close();
            return tracer.spans();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a tour of {@code rows} with {@code --report dir}; what it printed. */
    static String writeReport(Path dir, TourRow... rows) throws Exception {
        var printed = new ByteArrayOutputStream();
        var screen = Screen.plain(new PrintStream(printed, true, StandardCharsets.UTF_8));
        var quiet = new Load(0.4, 2, List.of());
        int code = new Tour(screen, () -> quiet, List.of(rows)).run(List.of("--report", dir.toString()));
        String said = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, said);
        return said;
    }

    /** The page parses as XML (XHTML-compatible HTML5), names every built row, and gives each a chart and a timeline. */
    @Test
    void thePageIsWellFormedWithAChartAndATimelinePerBuiltRow(@TempDir Path dir) throws Exception {
        String said = writeReport(dir, FakeRow.withChunks("alpha"), FakeRow.withChunks("beta"),
                new Rows.NotBuilt("dask"));
        assertTrue(said.contains("report written to " + dir.resolve(Report.PAGE)), said);

        Document page = parse(dir.resolve(Report.PAGE));
        assertEquals("html", page.getDocumentElement().getLocalName());
        for (String row : List.of("alpha", "beta")) {
            List<Element> charts = figures(page, "chart", row);
            assertEquals(2, charts.size(), row + ": a chart of speed-ups and one of the other figures");
            for (Element chart : charts) {
                BufferedImage image = ImageIO.read(dir.resolve(img(chart)).toFile());
                assertNotNull(image, row + ": the chart " + img(chart) + " is not a readable PNG");
                assertTrue(image.getWidth() >= Charts.PANEL_WIDTH, row + ": a chart narrower than one panel");
                assertTrue(text(chart).contains("better") || text(chart).contains("Good"),
                        row + ": a chart's caption says what good looks like: " + text(chart));
            }
            List<Element> timelines = figures(page, "timeline", row);
            assertEquals(1, timelines.size(), row + ": one timeline, of the headline experiment");
            Document svg = parse(dir.resolve(img(timelines.getFirst())));
            assertEquals("svg", svg.getDocumentElement().getLocalName(), row + ": the timeline is an SVG picture");
            assertTrue(Files.exists(dir.resolve(row + "-trace.json")), row + ": the Chrome trace is beside the timeline");
        }
        assertTrue(figures(page, "chart", "dask").isEmpty(), "a row not built yet has no chart");
        assertTrue(Files.exists(dir.resolve(Report.FIGURES_JSON)), "the figures are beside the page as JSON");
    }

    /** Everything the page loads is a file beside it: it opens offline, with no CDN. */
    @Test
    void thePageLoadsNothingFromTheNetwork(@TempDir Path dir) throws Exception {
        writeReport(dir, FakeRow.withChunks("alpha"));
        Document page = parse(dir.resolve(Report.PAGE));
        var loaded = new ArrayList<String>();
        for (String tag : List.of("img", "script", "link", "iframe", "object", "embed")) {
            var nodes = page.getElementsByTagNameNS("*", tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                var element = (Element) nodes.item(i);
                loaded.add(element.hasAttribute("src") ? element.getAttribute("src") : element.getAttribute("href"));
            }
        }
        assertFalse(loaded.isEmpty(), "the page shows its pictures");
        for (String resource : loaded) {
            assertFalse(resource.contains(":") || resource.startsWith("/"), "the page loads " + resource + " from elsewhere");
            assertTrue(Files.exists(dir.resolve(resource)), "the page loads " + resource + ", which is not beside it");
        }
    }

    /** The timeline's lanes and bars are the headline's spans: one lane per worker, every span accounted for by a bar on its lane. */
    @Test
    void theTimelineDrawsTheSpansTheHeadlineRecorded(@TempDir Path dir) throws Exception {
        writeReport(dir, FakeRow.withChunks("alpha"));
        Document svg = parse(dir.resolve("alpha-timeline.svg"));
        var lanes = new LinkedHashSet<String>();
        int counted = 0;
        var nodes = svg.getElementsByTagNameNS("*", "rect");
        for (int i = 0; i < nodes.getLength(); i++) {
            var bar = (Element) nodes.item(i);
            if (bar.getAttribute("class").equals("span")) {
                lanes.add(bar.getAttribute("data-lane"));
                assertEquals(KIND, bar.getAttribute("data-kind"));
                counted += Integer.parseInt(bar.getAttribute("data-count"));
            }
        }
        assertEquals(Set.of(WORKER_1.toString(), WORKER_2.toString()), lanes, "one lane per worker the spans ran on");
        assertEquals(FAKE_SPANS.size(), counted, "every span recorded is drawn");

        JsonNode events = JsonIo.read(dir.resolve("alpha-trace.json"), JsonNode.class).get("traceEvents");
        assertEquals(FAKE_SPANS.size(), java.util.stream.StreamSupport.stream(events.spliterator(), false).filter(e -> "X".equals(e.path("ph").textValue())).count(),
                "the Chrome trace holds the same spans");
    }

    /** The table gives every figure with its unit, goal, real Python's figure and verdict, and the load the row ran under. */
    @Test
    void theTableGivesEveryFigureAndTheLoad(@TempDir Path dir) throws Exception {
        writeReport(dir, FakeRow.withChunks("alpha"));
        Document page = parse(dir.resolve(Report.PAGE));
        String text = page.getDocumentElement().getTextContent();
        for (String expected : List.of("cpu_speedup", "1.91", "1.8–1.95 (5 runs)", "≥ 1.85", "2.03", "per_task_us",
                "µs/task", "≤ 17", "17–19", "crash_survived", "✓", "The load it ran under: before, load 0.4 on 2 cores",
                "a fake library <for tests> & more")) {
            assertTrue(text.contains(expected), "the page does not say " + expected);
        }
    }

    /** A headline that fails is named on the page, which stays well-formed; the row's figures and charts remain. */
    @Test
    void aFailingHeadlineIsReportedNotFatal(@TempDir Path dir) throws Exception {
        var broken = new FakeRow("broken", new TourRow.Headline("explodes", "nothing", () -> {
            throw new IllegalStateException("the workers <died>");
        }));
        writeReport(dir, broken);
        Document page = parse(dir.resolve(Report.PAGE));
        assertEquals(2, figures(page, "chart", "broken").size());
        assertTrue(text(figures(page, "timeline", "broken").getFirst())
                .contains("failed while traced: java.lang.IllegalStateException: the workers <died>"));
    }

    /** Python's figure becomes a number for the chart only when it is one in the figure's unit. */
    @Test
    void pythonsFigureIsReadAsANumberOnlyWhenItIsOne() {
        assertEquals(0.95, figure("0.95").pythonValue().orElseThrow());
        assertEquals(18.0, figure("17–19").pythonValue().orElseThrow());
        assertEquals(81.0, figure("81 (spawn), 20 (fork)").pythonValue().orElseThrow());
        assertEquals(3331.0, figure("3,331 (loky)").pythonValue().orElseThrow());
        for (String none : List.of("—", "— (asyncio: 0.19)", "34% of 2,000,000", "true (asyncio debug mode)",
                "see docs/joblib.md")) {
            assertTrue(figure(none).pythonValue().isEmpty(), none);
        }
    }

    private static Figure figure(String python) {
        return new Figure("f", "×", "m", Goal.atLeast(1), python);
    }

    /** Parses a file as XML, strictly, loading no DTD from the network. */
    static Document parse(Path file) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The page's {@code <figure class="cls" data-row="row">} elements. */
    static List<Element> figures(Document page, String cls, String row) {
        var found = new ArrayList<Element>();
        var nodes = page.getElementsByTagNameNS("*", "figure");
        for (int i = 0; i < nodes.getLength(); i++) {
            var figure = (Element) nodes.item(i);
            if (figure.getAttribute("class").equals(cls) && figure.getAttribute("data-row").equals(row)) {
                found.add(figure);
            }
        }
        return found;
    }

    /** The file a figure's picture shows. */
    static String img(Element figure) {
        var images = figure.getElementsByTagNameNS("*", "img");
        assertEquals(1, images.getLength(), "one picture in the figure");
        return ((Element) images.item(0)).getAttribute("src");
    }

    private static String text(Element element) {
        return element.getTextContent();
    }
}
