package dev.rosetta.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws spans as an SVG picture, the way {@code ray.timeline()} opened in Perfetto or dask's
 * task stream shows them: one row (lane) per thread, grouped by process; one bar per span, from
 * its start to its end; one colour per {@linkplain Span#kind() kind} (the same in every picture,
 * as far as ten colours go); a time axis with units; a legend. At a glance: threads under the GIL take turns (their bars never overlap), worker
 * processes of a pool overlap, an event loop has a single lane.
 *
 * <pre>{@code
 * try (Tracer tracer = Tracer.record()) {
 *     pool.map(Work::square, numbers);
 *     SvgTimeline.write(Path.of("pool.svg"), tracer.spans(), "Pool(2).map");
 * }
 * }</pre>
 *
 * <p>A span that takes no time (a drop request, a submit) is a thin mark, drawn over the bars.
 * A run of spans of one kind on one lane, each narrower than a pixel and less than a pixel
 * apart, is drawn as one bar (10,000 tiny chunks stay a small file). Hovering a bar shows its
 * name, duration and details ({@code <title>}). Each bar carries {@code data-lane},
 * {@code data-kind} and {@code data-count} (the spans it stands for) attributes, for tools (and
 * tests) that read the picture back.
 *
 * <p>Thread-safety: stateless.
 */
public final class SvgTimeline {
    /** Tableau's ten colours: distinct, readable on white, and kind to the colour-blind. */
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
    private static final int PLOT_WIDTH = 960;
    private static final int LANE_HEIGHT = 22;
    private static final int BAR_HEIGHT = 16;
    private static final int TOP = 44;
    private static final int CHAR_WIDTH = 7;
    private static final int MARGIN = 12;

    private SvgTimeline() {
    }

    /** Writes the picture of {@code spans} to {@code file}. */
    public static void write(Path file, List<Span> spans, String title) throws IOException {
        Files.writeString(file, render(spans, title));
    }

    /** The picture of {@code spans} as an SVG document, titled {@code title}. */
    public static String render(List<Span> spans, String title) {
        List<Span> sorted = spans.stream().sorted(Comparator.comparingLong(Span::startMicros)).toList();
        List<Lane> lanes = lanesOf(sorted);
        Map<String, String> colours = coloursOf(sorted);
        long start = sorted.stream().mapToLong(Span::startMicros).min().orElse(0);
        long end = sorted.stream().mapToLong(Span::endMicros).max().orElse(start);
        long total = Math.max(1, end - start);
        int labelWidth = MARGIN + CHAR_WIDTH * lanes.stream().mapToInt(l -> label(l).length()).max().orElse(10);
        int plotLeft = labelWidth + MARGIN;
        double perMicro = PLOT_WIDTH / (double) total;
        int plotBottom = TOP + lanes.size() * LANE_HEIGHT;
        int legendTop = plotBottom + 48;
        int height = legendTop + LANE_HEIGHT * ((colours.size() + 3) / 4) + MARGIN;
        int width = plotLeft + PLOT_WIDTH + MARGIN * 2;

        var svg = new StringBuilder(256 + 160 * sorted.size());
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                MARGIN, escape(title + "  (" + plural(sorted.size(), "span") + ", " + plural(lanes.size(), "lane") + ")")));
        for (int i = 0; i < lanes.size(); i++) {
            int y = TOP + i * LANE_HEIGHT;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    plotLeft, y, PLOT_WIDTH, LANE_HEIGHT, i % 2 == 0 ? "#f4f4f4" : "#fbfbfb"));
            svg.append(String.format(Locale.ROOT, "<text class=\"lane\" x=\"%d\" y=\"%d\">%s</text>%n",
                    MARGIN, y + LANE_HEIGHT - 7, escape(label(lanes.get(i)))));
        }
        List<Bar> bars = barsOf(sorted, perMicro);
        for (boolean instants : new boolean[] {false, true}) {      // marks on top of bars
            for (Bar bar : bars) {
                if (bar.isInstant() == instants) {
                    draw(svg, bar, lanes.indexOf(bar.first.lane()), plotLeft + (bar.start - start) * perMicro, perMicro,
                            colours.get(bar.first.kind()));
                }
            }
        }
        axis(svg, plotLeft, plotBottom, total);
        legend(svg, colours, sorted, legendTop);
        return svg.append("</svg>\n").toString();
    }

    /**
     * One bar per span, except that a run of spans of one kind on one lane, each narrower than
     * a pixel and less than a pixel apart, is one bar: 10,000 tiny chunks stay a small file.
     */
    private static List<Bar> barsOf(List<Span> sorted, double perMicro) {
        var bars = new ArrayList<Bar>();
        Map<Lane, Bar> open = new LinkedHashMap<>();
        for (Span span : sorted) {
            Bar run = open.get(span.lane());
            boolean narrow = span.durationMicros() * perMicro < 1;
            if (run != null && narrow && run.ofNarrowSpans && run.first.kind().equals(span.kind())
                    && (span.startMicros() - run.end) * perMicro < 1) {
                run.add(span);
                continue;
            }
            if (run != null) {
                bars.add(run);
            }
            open.put(span.lane(), new Bar(span, narrow));
        }
        bars.addAll(open.values());
        return bars;
    }

    /** One bar: a span, or a run of tiny spans of one kind on one lane. */
    private static final class Bar {
        final Span first;
        final long start;
        /** Whether it started with a span narrower than a pixel: only such a bar takes in more. */
        final boolean ofNarrowSpans;
        long end;
        int count = 1;

        Bar(Span first, boolean narrow) {
            this.first = first;
            this.start = first.startMicros();
            this.end = first.endMicros();
            this.ofNarrowSpans = narrow;
        }

        void add(Span span) {
            end = Math.max(end, span.endMicros());
            count++;
        }

        boolean isInstant() {
            return count == 1 && end == start;
        }
    }

    private static void draw(StringBuilder svg, Bar bar, int lane, double x, double perMicro, String colour) {
        boolean instant = bar.isInstant();
        double width = instant ? 2 : Math.max(0.5, (bar.end - bar.start) * perMicro);
        int height = instant ? LANE_HEIGHT - 2 : BAR_HEIGHT;
        int y = TOP + lane * LANE_HEIGHT + (LANE_HEIGHT - height) / 2;
        String edge = instant ? " stroke=\"black\" stroke-width=\"0.5\"" : width > 3 ? " stroke=\"white\" stroke-width=\"0.5\"" : "";
        String title = bar.count == 1 ? tooltip(bar.first)
                : bar.count + " spans of kind " + bar.first.kind() + " on " + bar.first.lane() + ", over "
                + formatMicros(bar.end - bar.start) + " (first: " + bar.first.name() + ")";
        svg.append(String.format(Locale.ROOT, "<rect class=\"span\" x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\""
                        + " fill=\"%s\"%s data-lane=\"%s\" data-kind=\"%s\" data-count=\"%d\"><title>%s</title></rect>%n",
                x, y, width, height, colour, edge, escape(bar.first.lane().toString()), escape(bar.first.kind()),
                bar.count, escape(title)));
    }

    /** Lanes grouped by process, processes and their threads in order of first appearance. */
    private static List<Lane> lanesOf(List<Span> sorted) {
        Map<String, List<Lane>> byProcess = new LinkedHashMap<>();
        for (Span span : sorted) {
            List<Lane> threads = byProcess.computeIfAbsent(span.lane().process(), p -> new ArrayList<>());
            if (!threads.contains(span.lane())) {
                threads.add(span.lane());
            }
        }
        return byProcess.values().stream().flatMap(List::stream).toList();
    }

    /**
     * A colour per kind, chosen by the kind's name (the next free one if another kind has it), so
     * that "holds GIL" or "chunk" has the same colour in every picture that has few kinds.
     */
    private static Map<String, String> coloursOf(List<Span> sorted) {
        Map<String, String> colours = new LinkedHashMap<>();
        for (Span span : sorted) {
            colours.computeIfAbsent(span.kind(), kind -> {
                int first = Math.floorMod(kind.hashCode(), PALETTE.length);
                for (int i = 0; i < PALETTE.length; i++) {
                    String colour = PALETTE[(first + i) % PALETTE.length];
                    if (!colours.containsValue(colour)) {
                        return colour;
                    }
                }
                return PALETTE[colours.size() % PALETTE.length];     // more kinds than colours
            });
        }
        return colours;
    }

    private static String label(Lane lane) {
        return lane.process() + " / " + lane.thread();
    }

    private static String tooltip(Span span) {
        var text = new StringBuilder(span.name()).append(" on ").append(span.lane()).append(": ")
                .append(formatMicros(span.durationMicros()));
        span.args().forEach((k, v) -> {
            if (!k.equals(Span.KIND)) {
                text.append(", ").append(k).append('=').append(v);
            }
        });
        return text.toString();
    }

    /** Ticks at a round step (1, 2 or 5 times a power of ten), labelled in µs, ms or s. */
    private static void axis(StringBuilder svg, int left, int bottom, long total) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                left, bottom, left + PLOT_WIDTH, bottom));
        long step = niceStep(total / 8.0);
        for (long t = 0; t <= total; t += step) {
            double x = left + t * (PLOT_WIDTH / (double) total);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" stroke=\"black\"/>%n",
                    x, bottom, x, bottom + 5));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, bottom + 18, formatMicros(t)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">time since the first span</text>%n",
                left, bottom + 34));
    }

    private static void legend(StringBuilder svg, Map<String, String> colours, List<Span> spans, int top) {
        int i = 0;
        for (var kind : colours.entrySet()) {
            long count = spans.stream().filter(s -> s.kind().equals(kind.getKey())).count();
            int x = MARGIN + (i % 4) * 240;
            int y = top + (i / 4) * LANE_HEIGHT;
            svg.append(String.format(Locale.ROOT, "<rect class=\"legend\" x=\"%d\" y=\"%d\" width=\"14\" height=\"14\""
                    + " fill=\"%s\"/>%n", x, y, kind.getValue()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n",
                    x + 20, y + 12, escape(kind.getKey() + " (" + count + ")")));
            i++;
        }
    }

    /** The smallest of 1, 2, 5 × 10^k microseconds that is at least {@code rough}. */
    static long niceStep(double rough) {
        long power = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (m * power >= rough) {
                    return m * power;
                }
            }
            power *= 10;
        }
    }

    /** A duration in the unit that reads best: "0", "750 µs", "12.5 ms", "2.25 s". */
    static String formatMicros(long micros) {
        if (micros == 0) {
            return "0";
        }
        if (micros < 1_000) {
            return micros + " µs";
        }
        if (micros < 1_000_000) {
            return trim(micros / 1_000.0) + " ms";
        }
        return trim(micros / 1_000_000.0) + " s";
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("\\.?0+$", "");
    }

    private static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' ? '?' : c);
            }
        }
        return out.toString();
    }
}
