package dev.rosetta.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

class SvgTimelineTest {
    private static final Lane T1 = new Lane("main", "T1");
    private static final Lane T2 = new Lane("main", "T2");
    private static final Lane WORKER = new Lane("worker-1 (pid 42)", "main");

    private static final List<Span> SPANS = List.of(
            new Span("holds GIL", T1, 1_000, 6_000, Map.of(Span.KIND, "holds GIL")),
            new Span("drop request", T2, 6_000, 6_000, Map.of(Span.KIND, "drop request", "holder", "T1")),
            new Span("holds GIL", T2, 6_000, 11_000, Map.of(Span.KIND, "holds GIL")),
            new Span("chunk 1", WORKER, 2_000, 9_000, Map.of(Span.KIND, "chunk", "tasks", "4")),
            new Span("a <name> & \"quotes\"", T1, 11_000, 12_000, Map.of()));

    /** The picture is well-formed XML: the JDK's parser reads it, and its root is an svg element. */
    @Test
    void theSvgIsWellFormed() throws Exception {
        Document svg = parse(SvgTimeline.render(SPANS, "title with <angle brackets> & more"));
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI());
        assertTrue(parse(SvgTimeline.render(List.of(), "nothing")).getDocumentElement().getTagName().equals("svg"),
                "no spans still draws an (empty) picture");
    }

    /** One bar per span, on its lane, coloured by kind; one label per lane, workers after main; one legend entry per kind. */
    @Test
    void lanesAndBarsMatchTheSpans() throws Exception {
        Document svg = parse(SvgTimeline.render(SPANS, "GIL and a worker"));
        List<Element> bars = elements(svg, "rect", "span");
        assertEquals(SPANS.size(), bars.size(), "one bar per span");
        var barsPerLane = new LinkedHashMap<String, Integer>();
        bars.forEach(b -> barsPerLane.merge(b.getAttribute("data-lane"), 1, Integer::sum));
        assertEquals(Map.of("main/T1", 2, "main/T2", 2, "worker-1 (pid 42)/main", 1), barsPerLane,
                "the bars on each lane are that lane's spans");
        List<String> labels = elements(svg, "text", "lane").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("main / T1", "main / T2", "worker-1 (pid 42) / main"), labels,
                "one lane per thread, grouped by process, in order of first appearance");

        var fillOfKind = new LinkedHashMap<String, String>();
        for (Element bar : bars) {
            String before = fillOfKind.putIfAbsent(bar.getAttribute("data-kind"), bar.getAttribute("fill"));
            assertTrue(before == null || before.equals(bar.getAttribute("fill")), "one colour per kind: " + bar.getAttribute("data-kind"));
        }
        assertEquals(fillOfKind.size(), new HashSet<>(fillOfKind.values()).size(), "each kind its own colour: " + fillOfKind);
        assertEquals(fillOfKind.size(), elements(svg, "rect", "legend").size(), "one legend entry per kind");
    }

    /** A bar starts where its span starts and is as wide as it is long, on one scale for every lane. */
    @Test
    void barsArePlacedOnOneTimeScale() throws Exception {
        List<Element> bars = elements(parse(SvgTimeline.render(SPANS, "scale")), "rect", "span");
        double x0 = x(bars.getFirst());       // the earliest span, at 1,000 µs
        double perMicro = width(bars.getFirst()) / 5_000.0;
        Element chunk = bars.stream().filter(b -> b.getAttribute("data-kind").equals("chunk")).findFirst().orElseThrow();
        assertEquals(x0 + 1_000 * perMicro, x(chunk), 0.05, "the chunk starts 1 ms after the first hold");
        assertEquals(7_000 * perMicro, width(chunk), 0.05, "the chunk lasts 7 ms");
        Element drop = bars.stream().filter(b -> b.getAttribute("data-kind").equals("drop request")).findFirst().orElseThrow();
        assertNotEquals(0.0, width(drop), "a span that takes no time is still visible");
    }

    /** A thousand back-to-back spans narrower than a pixel are one bar that counts them; the long span beside them stays its own bar. */
    @Test
    void tinySpansInARunAreOneBarThatCountsThem() throws Exception {
        var spans = new ArrayList<Span>();
        spans.add(new Span("long", T1, 0, 1_000_000, Map.of()));
        for (int i = 0; i < 1_000; i++) {
            spans.add(new Span("chunk " + i, WORKER, 2 * i, 2 * i + 1, Map.of(Span.KIND, "chunk")));
        }
        List<Element> bars = elements(parse(SvgTimeline.render(spans, "tiny")), "rect", "span");
        assertEquals(2, bars.size(), "one bar for the long span, one for the run of tiny ones");
        assertEquals(1_001, bars.stream().mapToInt(b -> Integer.parseInt(b.getAttribute("data-count"))).sum(),
                "the bars account for every span");
    }

    /**
     * For spans of every size on several lanes (long, tiny runs, instants), the bars on each lane
     * stand for exactly that lane's spans: their counts add up, and each bar has a kind of its lane.
     */
    @Test
    void everySpanIsDrawnOnItsOwnLane() throws Exception {
        var random = new java.util.Random(14);
        List<Lane> lanes = List.of(T1, T2, WORKER, new Lane("worker-2 (pid 43)", "main"));
        List<String> kinds = List.of("holds GIL", "chunk", "task step", "drop request");
        var spans = new ArrayList<Span>();
        var expected = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < 2_000; i++) {
            Lane lane = lanes.get(random.nextInt(lanes.size()));
            long start = random.nextInt(1_000_000);
            long length = switch (random.nextInt(3)) {
                case 0 -> 0;                              // an instant
                case 1 -> random.nextInt(50);             // narrower than a pixel
                default -> random.nextInt(100_000);       // a real bar
            };
            spans.add(new Span("s" + i, lane, start, start + length, Map.of(Span.KIND, kinds.get(random.nextInt(kinds.size())))));
            expected.merge(lane.toString(), 1, Integer::sum);
        }
        var counted = new LinkedHashMap<String, Integer>();
        for (Element bar : elements(parse(SvgTimeline.render(spans, "random")), "rect", "span")) {
            String lane = bar.getAttribute("data-lane");
            counted.merge(lane, Integer.parseInt(bar.getAttribute("data-count")), Integer::sum);
            assertTrue(spans.stream().anyMatch(s -> s.lane().toString().equals(lane) && s.kind().equals(bar.getAttribute("data-kind"))),
                    "a bar of kind " + bar.getAttribute("data-kind") + " on " + lane + ", where no such span ran");
        }
        assertEquals(new java.util.TreeMap<>(expected), new java.util.TreeMap<>(counted), "spans per lane, as drawn");
    }

    /** Ticks fall on round values, labelled in the unit that reads best. */
    @Test
    void theTimeAxisHasRoundTicksWithUnits() throws Exception {
        List<String> ticks = elements(parse(SvgTimeline.render(SPANS, "axis")), "text", "tick").stream()
                .map(Element::getTextContent).toList();
        assertEquals(List.of("0", "2 ms", "4 ms", "6 ms", "8 ms", "10 ms"), ticks);
        assertEquals(5, SvgTimeline.niceStep(4.2));
        assertEquals(2_000, SvgTimeline.niceStep(1_375));
        assertEquals("1.5 s", SvgTimeline.formatMicros(1_500_000));
    }

    static Document parse(String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static List<Element> elements(Document document, String tag, String cssClass) {
        var found = new ArrayList<Element>();
        var nodes = document.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            var element = (Element) nodes.item(i);
            if (element.getAttribute("class").equals(cssClass)) {
                found.add(element);
            }
        }
        return found;
    }

    private static double x(Element bar) {
        return Double.parseDouble(bar.getAttribute("x"));
    }

    private static double width(Element bar) {
        return Double.parseDouble(bar.getAttribute("width"));
    }
}
