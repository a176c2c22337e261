package dev.rosetta.tour;

import dev.rosetta.common.Words;

import dev.rosetta.trace.ChromeTrace;
import dev.rosetta.trace.SvgTimeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tour as a page for a learner ({@code ./rosetta tour --report DIR}): {@code DIR/index.html}
 * and, beside it, everything it shows, so the directory opens anywhere with no network.
 *
 * <pre>
 * DIR/index.html                the page: per row its figures, its charts, its headline's timeline
 * DIR/ROW-speedups.png          the row's speed-ups beside real Python's and the ideal (XChart)
 * DIR/ROW-figures.png           its other figures beside real Python's and their goals (XChart)
 * DIR/ROW-timeline.svg          its headline experiment, one lane per thread or process
 * DIR/ROW-trace.json            the same spans as a Chrome trace: open it in https://ui.perfetto.dev
 * DIR/figures.json              the figures as {@code --json} writes them
 * </pre>
 *
 * The page is XHTML-compatible HTML5 (every element closed, no named entities), so an XML
 * parser reads it as well as a browser. Each chart and timeline says what it shows and what good
 * looks like.
 *
 * <p>Thread-safety: not thread-safe; one tour writes one report.
 */
final class Report {
    /** The page is in English (the tour's default words). */
    private static final Words WORDS = TourRow.words("en");
    /** The page's file name in the report's directory. */
    static final String PAGE = "index.html";
    /** The figures' file name in the report's directory. */
    static final String FIGURES_JSON = "figures.json";

    private final Path dir;
    private final Map<String, Object> machine;
    private final boolean quick;
    private final StringBuilder html = new StringBuilder(32_768);

    /**
     * @param dir     where to write (created if missing; files of the same names are replaced)
     * @param machine the facts about this machine ({@link Tour#machine()})
     * @param quick   whether the figures come from {@code --quick}'s short runs
     */
    Report(Path dir, Map<String, Object> machine, boolean quick) {
        this.dir = dir;
        this.machine = machine;
        this.quick = quick;
    }

    /** Writes the page and the files it shows; the page's path. */
    Path write(Collection<Tour.RowResult> results) throws IOException {
        Files.createDirectories(dir);
        head();
        introduction(results);
        for (Tour.RowResult result : results) {
            if (result.row().built()) {
                row(result);
            }
        }
        comparison(results);
        html.append("</body>\n</html>\n");
        Path page = dir.resolve(PAGE);
        Files.writeString(page, html);
        return page;
    }

    private void head() {
        String taken = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>Parallel Rosetta: the tour, measured on this machine</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>Parallel Rosetta: the tour, measured on this machine</h1>\n")
                .append(p("machine", machine.get("cores") + " cores, JDK " + machine.get("jdk") + ", " + machine.get("os")
                        + "; taken " + taken + (quick ? ". Run with --quick: short runs, rough figures." : ".")));
    }

    private void introduction(Collection<Tour.RowResult> results) {
        html.append("<nav><p>The rows: ");
        boolean first = true;
        for (Tour.RowResult result : results) {
            if (result.row().built()) {
                html.append(first ? "" : " · ").append("<a href=\"#").append(result.row().name()).append("\">")
                        .append(escape(result.row().claims(WORDS).library())).append("</a>");
                first = false;
            }
        }
        html.append(" · <a href=\"#comparison\">the comparison</a> · <a href=\"").append(FIGURES_JSON)
                .append("\">the figures as JSON</a></p></nav>\n");
        html.append("<section class=\"howto\">\n<h2>How to read this page</h2>\n<ul>\n")
                .append(li("Each section is one Python library, rebuilt in Java. Its <b>table</b> lists every figure"
                        + " the tour measured here: its unit, the spread of repeated runs, the <b>goal</b> the claim"
                        + " needs, <b>real Python's</b> figure for the same workload, and whether the goal was met"
                        + " (✓) or missed (✗)."))
                .append(li("Each <b>chart</b> has a small panel per figure, in that figure's own unit. "
                        + swatch(Charts.MEASURED) + " blue: measured here; " + swatch(Charts.PYTHON)
                        + " orange: real Python; " + swatch(Charts.IDEAL) + " grey: the ideal of a speed-up; "
                        + swatch(Charts.GOAL) + " green: the bound the goal sets. Under each panel: whether lower or"
                        + " higher is better."))
                .append(li("A <b>speed-up</b> is the time in sequence divided by the time in parallel: 1× is no gain;"
                        + " the ideal is every worker busy all the time (two workers on two cores: 2×)."))
                .append(li("A <b>timeline</b> shows one run of the row's headline experiment: one lane per thread or"
                        + " worker process, time running left to right, a bar for each piece of work, coloured by"
                        + " kind (the legend counts them). Click it to open it alone: hovering a bar names it. Its"
                        + " <b>Chrome trace</b> opens in <code>https://ui.perfetto.dev</code> (drop the file in) to zoom"
                        + " and measure."))
                .append(li("The <b>load</b> lines say how busy the machine was before and after each row: figures taken"
                        + " beside other busy processes measure the contention as much as the idea."))
                .append("</ul>\n</section>\n");
    }

    private void row(Tour.RowResult result) throws IOException {
        TourRow row = result.row();
        String name = row.name();
        TourRow.Claims claims = row.claims(WORDS);
        html.append("<section class=\"row\" id=\"").append(name).append("\" data-row=\"").append(name).append("\">\n")
                .append("<h2>").append(escape(claims.library())).append(": ").append(escape(claims.whatItIs())).append("</h2>\n")
                .append(p("claims", "Typical use: " + claims.typicalUse() + ". Strength: " + claims.strength()
                        + ". Weakness: " + claims.weakness() + "."))
                .append(p("summary", Tour.summary(result, WORDS)));
        load(result);
        if (result.error() != null) {
            html.append(p("failed", "The experiment failed: " + result.error()));
        }
        table(result.readings());
        Map<String, Object> metrics = result.metrics();
        chart(name, "speedups", Charts.speedups(result.readings()), metrics, "Speed-ups against the ideal",
                "Each speed-up measured here beside real Python's and the ideal: what the workers could give if"
                        + " each were busy all the time. Good looks like the blue bar reaching its goal (green) —"
                        + " near the grey ideal where the row promises parallelism, near 1× where the claim is that"
                        + " there is none (threads under the GIL).");
        chart(name, "figures", Charts.others(result.readings()), metrics, "The other figures beside real Python's",
                "Times and costs per task (lower is better), rates (higher is better) and counts, each in its own"
                        + " unit. Good looks like the blue bar on the right side of the green bound; the orange"
                        + " bar shows where this rebuild is cheaper or dearer than the Python original.");
        timeline(name, result.watched());
        html.append("</section>\n");
    }

    private void load(Tour.RowResult result) {
        if (result.before() == null) {
            return;
        }
        html.append(p("load", "The load it ran under: before, " + result.before().describe() + "; after, "
                + result.after().describe() + "."));
        if (result.busy()) {
            html.append(p("busy", "⚠ A busy machine (" + String.join("; ", result.busyBecause()) + "): these figures"
                    + " are unreliable. Rerun when it is quieter: ./rosetta tour --only " + result.row().name()
                    + (quick ? " --quick" : "") + " --report DIR"));
        }
    }

    private void table(List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        html.append("<table class=\"figures\">\n<thead><tr><th>figure</th><th>measured</th><th>unit</th>"
                + "<th>spread (min–max)</th><th>goal</th><th>real Python</th><th>met</th><th>what it measures</th>"
                + "</tr></thead>\n<tbody>\n");
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        readings.forEach(r -> metrics.put(r.figure().key(), r.value()));
        for (Reading r : readings) {
            Figure f = r.figure();
            Optional<Boolean> verdict = r.verdict(metrics);
            String cls = verdict.map(met -> met ? "met" : "missed").orElse("none");
            html.append("<tr class=\"").append(cls).append("\"><td><code>").append(escape(f.key())).append("</code></td>")
                    .append(td("number", Tour.format(r.value()))).append(td("", f.unit()))
                    .append(td("", Tour.spread(r.sample(), WORDS))).append(td("", f.goal().text())).append(td("", f.python()))
                    .append(td("verdict", Tour.mark(verdict))).append(td("", f.meaning())).append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private void chart(String row, String kind, List<Reading> readings, Map<String, Object> metrics, String title,
            String caption) throws IOException {
        if (readings.isEmpty()) {
            return;
        }
        String file = row + "-" + kind + ".png";
        Files.write(dir.resolve(file), Charts.png(readings, metrics));
        html.append("<figure class=\"chart\" data-row=\"").append(row).append("\">\n<h3>").append(escape(title))
                .append("</h3>\n").append(legend())
                .append("<img src=\"").append(file).append("\" alt=\"").append(escape(title + " of " + row))
                .append("\" width=\"").append(Charts.width(readings)).append("\"/>\n")
                .append("<figcaption>").append(escape(caption)).append("</figcaption>\n</figure>\n");
    }

    /** The bars' colours, said once above a chart's panels. */
    private static String legend() {
        return "<p class=\"legend\">" + swatch(Charts.MEASURED) + " " + Charts.MEASURED_SERIES + " · "
                + swatch(Charts.PYTHON) + " " + Charts.PYTHON_SERIES + " · " + swatch(Charts.IDEAL) + " "
                + Charts.IDEAL_SERIES + " · " + swatch(Charts.GOAL) + " " + Charts.GOAL_SERIES + "</p>\n";
    }

    private void timeline(String row, Tour.Watched watched) throws IOException {
        if (watched == null) {
            return;
        }
        String title = "Timeline: " + watched.headline().title();
        html.append("<figure class=\"timeline\" data-row=\"").append(row).append("\">\n<h3>").append(escape(title))
                .append("</h3>\n");
        if (watched.error() != null) {
            html.append(p("failed", "The headline experiment failed while traced: " + watched.error()))
                    .append("</figure>\n");
            return;
        }
        String svg = row + "-timeline.svg";
        String trace = row + "-trace.json";
        SvgTimeline.write(dir.resolve(svg), watched.spans(), watched.headline().title());
        ChromeTrace.write(dir.resolve(trace), watched.spans());
        html.append("<a href=\"").append(svg).append("\"><img src=\"").append(svg).append("\" alt=\"")
                .append(escape(title)).append("\"/></a>\n<figcaption>").append(escape(watched.headline().whatToSee()))
                .append(" <a href=\"").append(trace).append("\">The Chrome trace</a> (").append(watched.spans().size())
                .append(" spans) opens in https://ui.perfetto.dev. Traced after the figures were taken: tracing"
                        + " never slows what the table measures.</figcaption>\n</figure>\n");
    }

    private void comparison(Collection<Tour.RowResult> results) {
        html.append("<section id=\"comparison\">\n<h2>The comparison, measured</h2>\n<table class=\"comparison\">\n"
                + "<thead><tr><th>library</th><th>what it is</th><th>typical use</th><th>strength</th><th>weakness</th>"
                + "<th>background</th><th>measured here</th></tr></thead>\n<tbody>\n");
        for (Tour.RowResult result : results) {
            TourRow.Claims c = result.row().claims(WORDS);
            html.append("<tr>").append(td("", c.library())).append(td("", c.whatItIs())).append(td("", c.typicalUse()))
                    .append(td("", c.strength())).append(td("", c.weakness())).append(td("", c.background()))
                    .append(td("", Tour.summary(result, WORDS)))
                    .append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static String p(String cls, String text) {
        return "<p class=\"" + cls + "\">" + escape(text) + "</p>\n";
    }

    private static String td(String cls, String text) {
        return (cls.isEmpty() ? "<td>" : "<td class=\"" + cls + "\">") + escape(text) + "</td>";
    }

    /** A list item of trusted markup (the page's own words). */
    private static String li(String markup) {
        return "<li>" + markup + "</li>\n";
    }

    private static String swatch(java.awt.Color colour) {
        return String.format("<span class=\"swatch\" style=\"background:#%06x\"></span>", colour.getRGB() & 0xffffff);
    }

    /** Text made safe for XHTML: the five characters XML reserves, and no control characters. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;").replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
    }

    private static final String STYLE = """
            body { font-family: sans-serif; max-width: 1100px; margin: 1em auto; padding: 0 1em; color: #222; line-height: 1.4; }
            h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 2px solid #4e79a7; } h3 { margin-bottom: 0.3em; }
            .machine, .load, .claims { color: #555; }
            .busy, .failed { background: #fff3cd; border-left: 4px solid #e15759; padding: 0.4em 0.8em; }
            .summary { font-weight: bold; }
            table { border-collapse: collapse; font-size: 0.85em; margin: 0.8em 0; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
            th { background: #f0f0f0; }
            td.number { text-align: right; white-space: nowrap; }
            tr.met td.verdict { color: #2e7d32; font-weight: bold; } tr.missed td.verdict { color: #c62828; font-weight: bold; }
            figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #ddd; }
            figcaption { color: #444; font-size: 0.9em; max-width: 60em; }
            .swatch { display: inline-block; width: 0.9em; height: 0.9em; vertical-align: middle; border: 1px solid #888; }
            .howto { background: #f7f9fc; padding: 0.2em 1em; border: 1px solid #dde; } .howto h2 { margin-top: 0.5em; }
            .legend { font-size: 0.85em; margin: 0.2em 0; }
            """;
}
