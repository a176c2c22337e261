package dev.rosetta.tour;

import dev.rosetta.common.Words;
import dev.rosetta.trace.JsonIo;
import dev.rosetta.trace.Span;
import dev.rosetta.trace.Tracer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * {@code ./rosetta tour [--only ROW,ROW] [--quick] [--json FILE] [--report DIR] [--lang en|ko]}: the
 * comparison of Python's seven parallel-processing libraries, with each claim measured on this
 * machine. {@code --lang ko} (or {@code LANG=ko_KR.UTF-8}) prints it in Korean, with the Korean
 * article's own column names ({@link Words}); the JSON is the same in every language.
 *
 * <p>For each row it prints the machine's load before, a table of the row's figures (each with
 * its unit, its goal, CPython's figure, ✓ or ✗, and what it means; a median shows the spread of
 * its runs) and the load after. When other processes were busy it says that the figures are
 * unreliable and how to rerun. It ends with the seed's comparison table, the figures summarised
 * beside the claims. On a terminal a progress line shows the row and experiment running.
 *
 * <p>With {@code --json FILE} it writes
 * {@code {"machine": {...}, "quick": false, "busy": false, "rows": {"threading": {"built": true,
 * "metrics": {"cpu_speedup_gil": 0.96, ...}, "figures": {"cpu_speedup_gil": {"unit": "×",
 * "goal": "0.8–1.1", "verdict": "met", ...}}, "load_before": {...}, "load_after": {...}}, ...}}}
 * so that the docs, charts and checks read the same numbers: {@code metrics} holds the bare
 * figures, {@code figures} what they mean. {@code --quick} shortens every experiment to seconds
 * (for tests); the figures are then rougher but have the same names.
 *
 * <p>With {@code --report DIR} it also runs each row's {@linkplain TourRow#headline() headline
 * experiment} once more with tracing on, after its figures are taken, and writes a page for a
 * learner: {@code DIR/index.html}, with the figures, a chart per row and the headline's timeline,
 * and beside it the charts, the timelines and their Chrome traces ({@link Report}).
 *
 * <p>Exit codes: 0 every row ran, 1 a row failed, 2 bad arguments (an unknown row, or a row
 * not built yet named in {@code --only}).
 */
public final class Tour {
    private final Screen screen;
    private final LoadGauge gauge;
    private final List<TourRow> rows;
    /** The language when no {@code --lang} is given: from {@code LANG} in {@link #main}, else English. */
    private final String defaultLanguage;
    private Words words = TourRow.words("en");

    Tour(Screen screen, LoadGauge gauge, List<TourRow> rows) {
        this(screen, gauge, rows, "en");
    }

    Tour(Screen screen, LoadGauge gauge, List<TourRow> rows, String defaultLanguage) {
        this.screen = screen;
        this.gauge = gauge;
        this.rows = rows;
        this.defaultLanguage = defaultLanguage;
    }

    public static void main(String[] args) throws Exception {
        boolean terminal = System.console() != null && System.console().isTerminal();
        int code;
        try (var screen = terminal ? Screen.terminal(System.out) : Screen.plain(System.out)) {
            code = new Tour(screen, LoadGauge.proc(Duration.ofSeconds(1)), Rows.all(),
                    Words.fromLang(System.getenv("LANG"))).run(List.of(args));
        }
        System.out.flush();
        System.exit(code);
    }

    /** Runs the tour; the exit code (0 fine, 1 a row failed, 2 bad arguments). */
    int run(List<String> args) throws IOException, InterruptedException {
        Options options;
        try {
            options = Options.parse(args, rows);
        } catch (IllegalArgumentException e) {
            screen.println("tour: " + e.getMessage());
            screen.println(Options.usage());
            return 2;
        }
        if (options.help()) {
            screen.println(Options.usage());
            return 0;
        }
        words = TourRow.words(options.lang() != null ? options.lang() : defaultLanguage);
        Map<String, Object> machine = machine();
        screen.println(words.get("header", options.quick() ? words.get("header.quick") : "",
                machine.get("cores"), machine.get("jdk"), machine.get("os")));
        var results = new LinkedHashMap<String, RowResult>();
        for (TourRow row : rows) {
            if (options.only().isEmpty() || options.only().contains(row.name())) {
                results.put(row.name(), row.built() ? measure(row, options) : RowResult.notBuilt(row));
            }
        }
        printComparison(results);
        List<String> busyRows = results.values().stream().filter(RowResult::busy).map(r -> r.row().name()).toList();
        if (!busyRows.isEmpty()) {
            screen.println("");
            screen.println(words.get("busy.rows", String.join(", ", busyRows), rerun(busyRows, options)));
        }
        if (options.json() != null) {
            writeJson(options.json(), options, machine, busyRows, results);
            screen.println("");
            screen.println(words.get("json.written", options.json()));
        }
        if (options.report() != null) {
            Path page = new Report(options.report(), machine, options.quick()).write(results.values());
            writeJson(options.report().resolve(Report.FIGURES_JSON), options, machine, busyRows, results);
            screen.println("");
            screen.println("report written to " + page + " (open it in a browser; it needs no network)");
        }
        return results.values().stream().anyMatch(r -> r.error() != null) ? 1 : 0;
    }

    /**
     * One row's outcome: its figures or its failure, the machine's load around it, and its
     * headline experiment as watched for the report (null without {@code --report}, or when the
     * row has no headline).
     */
    record RowResult(TourRow row, List<Reading> readings, String error, Load before, Load after, Watched watched) {
        static RowResult notBuilt(TourRow row) {
            return new RowResult(row, List.of(), null, null, null, null);
        }

        Map<String, Object> metrics() {
            var metrics = new LinkedHashMap<String, Object>();
            readings.forEach(r -> metrics.put(r.figure().key(), r.value()));
            return metrics;
        }

        /** {@code before: load average 9.5 on 2 cores, javac (pid 12) 97% of a core} and the same after; empty when quiet. */
        List<String> busyBecause() {
            var why = new ArrayList<String>();
            if (before != null && !before.busyBecause().isEmpty()) {
                why.add("before: " + String.join(", ", before.busyBecause()));
            }
            if (after != null && !after.busyBecause().isEmpty()) {
                why.add("after: " + String.join(", ", after.busyBecause()));
            }
            return why;
        }

        boolean busy() {
            return !busyBecause().isEmpty();
        }
    }

    /**
     * A headline experiment run with tracing on: the spans every row recorded meanwhile, or why it failed.
     *
     * @param spans the spans, ordered by start; empty when it failed
     * @param error what went wrong, or null
     */
    record Watched(TourRow.Headline headline, List<Span> spans, String error) {
        /** Runs {@code headline} once with tracing on. */
        static Watched run(TourRow.Headline headline) {
            try (Tracer tracer = Tracer.record()) {
                headline.experiment().run();
                tracer.close();
                return new Watched(headline, tracer.spans(), null);
            } catch (Exception e) {
                return new Watched(headline, List.of(), String.valueOf(e));
            }
        }
    }

    private RowResult measure(TourRow row, Options options) throws IOException, InterruptedException {
        boolean quick = options.quick();
        screen.println("");
        TourRow.Claims claims = row.claims(words);
        screen.println("## " + claims.library() + " — " + claims.whatItIs());
        screen.row(row.name());
        screen.experiment(words.get("load.reading"));
        Load before = gauge.read();
        screen.println(words.get("load.before", before.describe()));
        var readings = new Readings(quick, screen::experiment);
        String error = null;
        try {
            row.measure(readings);
        } catch (Exception e) {
            error = String.valueOf(e);
        }
        screen.experiment(words.get("load.reading"));
        Load after = gauge.read();
        Watched watched = null;
        if (options.report() != null && row.headline() != null) {
            screen.experiment("the headline experiment again, traced, for the report's timeline");
            watched = Watched.run(row.headline());
        }
        screen.rowDone();
        var result = new RowResult(row, readings.readings(), error, before, after, watched);
        figureTable(result.readings(), words).forEach(screen::println);
        if (error != null) {
            screen.println(words.get("row.failed", error));
        }
        screen.println(words.get("load.after", after.describe()));
        if (result.busy()) {
            screen.println(words.get("row.busy", String.join("; ", result.busyBecause()),
                    "./rosetta tour --only " + row.name() + (quick ? " --quick" : "")));
        }
        return result;
    }

    /** A row's figures as a Markdown table: value, unit, spread, goal, CPython, verdict, meaning. */
    static List<String> figureTable(List<Reading> readings, Words words) {
        var lines = new ArrayList<String>();
        if (readings.isEmpty()) {
            return lines;
        }
        lines.add(words.get("figures.header"));
        lines.add("|---|---|---|---|---|---|---|---|");
        var metrics = new LinkedHashMap<String, Object>();
        readings.forEach(r -> metrics.put(r.figure().key(), r.value()));
        for (Reading r : readings) {
            Figure f = r.figure();
            lines.add("| " + String.join(" | ", f.key(), format(r.value()), f.unit(), spread(r.sample(), words),
                    f.goal().text(), f.python(), mark(r.verdict(metrics)), f.meaning()) + " |");
        }
        return lines;
    }

    static String spread(Measure.Sample sample, Words words) {
        if (sample == null || sample.runs() == 1) {
            return words.get("figures.oneRun");
        }
        return words.get("figures.runs", format(sample.min()), format(sample.max()), sample.runs());
    }

    static String mark(Optional<Boolean> verdict) {
        return verdict.map(met -> met ? "✓" : "✗").orElse("—");
    }

    private static String verdictWord(Optional<Boolean> verdict) {
        return verdict.map(met -> met ? "met" : "missed").orElse(null);
    }

    /** The seed's comparison, with each row's figures summarised beside its claims. */
    private void printComparison(Map<String, RowResult> results) {
        screen.println("");
        screen.println(words.get("comparison.title"));
        screen.println(words.get("comparison.header"));
        screen.println("|---|---|---|---|---|---|---|");
        for (RowResult result : results.values()) {
            TourRow.Claims c = result.row().claims(words);
            screen.println(String.format("| %s | %s | %s | %s | %s | %s | %s |", c.library(), c.whatItIs(),
                    c.typicalUse(), c.strength(), c.weakness(), c.background(), summary(result, words)));
        }
    }

    /** {@code 7 of 9 goals met; missed: io_speedup} — or why there are no figures. */
    static String summary(RowResult result, Words words) {
        if (result.row() instanceof Rows.NotBuilt) {
            return words.get("row.notBuilt");
        }
        Map<String, Object> metrics = result.metrics();
        var missed = new ArrayList<String>();
        int judged = 0;
        for (Reading r : result.readings()) {
            Optional<Boolean> verdict = r.verdict(metrics);
            judged += verdict.isPresent() ? 1 : 0;
            verdict.filter(met -> !met).ifPresent(no -> missed.add(r.figure().key()));
        }
        var text = new StringBuilder();
        if (result.error() != null) {
            text.append(words.get("summary.failed", result.error()));
        }
        text.append(words.get("summary.goals", judged - missed.size(), judged));
        if (!missed.isEmpty()) {
            text.append(words.get("summary.missed", String.join(", ", missed)));
        }
        if (result.busy()) {
            text.append(words.get("summary.busy"));
        }
        return text.toString();
    }

    private static String rerun(List<String> rowNames, Options options) {
        return "./rosetta tour --only " + String.join(",", rowNames) + (options.quick() ? " --quick" : "");
    }

    private static void writeJson(Path file, Options options, Map<String, Object> machine, List<String> busyRows,
            Map<String, RowResult> results) throws IOException {
        var rowsJson = new LinkedHashMap<String, Object>();
        results.forEach((name, result) -> rowsJson.put(name, json(result)));
        var root = new LinkedHashMap<String, Object>();
        root.put("machine", machine);
        root.put("quick", options.quick());
        root.put("busy", !busyRows.isEmpty());
        root.put("rows", rowsJson);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JsonIo.pretty(root));
    }

    /** A row in the JSON: {@code built} and {@code metrics} as always; what they mean, and the load, beside them. */
    private static Map<String, Object> json(RowResult result) {
        var json = new LinkedHashMap<String, Object>();
        json.put("built", result.row().built());
        Map<String, Object> metrics = result.metrics();
        json.put("metrics", metrics);
        var figures = new LinkedHashMap<String, Object>();
        for (Reading r : result.readings()) {
            var figure = new LinkedHashMap<String, Object>();
            figure.put("unit", r.figure().unit());
            figure.put("meaning", r.figure().meaning());
            figure.put("goal", r.figure().goal().text());
            figure.put("python", r.figure().python());
            figure.put("verdict", verdictWord(r.verdict(metrics)));
            if (r.sample() != null) {
                figure.put("runs", r.sample().runs());
                figure.put("min", r.sample().min());
                figure.put("max", r.sample().max());
            }
            figures.put(r.figure().key(), figure);
        }
        json.put("figures", figures);
        if (result.before() != null) {
            json.put("load_before", result.before().json());
            json.put("load_after", result.after().json());
            json.put("busy", result.busy());
            json.put("busy_because", result.busyBecause());
        }
        if (result.error() != null) {
            json.put("error", result.error());
        }
        return json;
    }

    /** A figure as printed: thousands grouped, no trailing zeros. */
    static String format(Object value) {
        return switch (value) {
            case Double d -> Goal.number(d);
            case Long n -> String.format(Locale.ROOT, "%,d", n);
            case Integer n -> String.format(Locale.ROOT, "%,d", n);
            default -> String.valueOf(value);
        };
    }

    /** The facts about this machine that every figure depends on. */
    static Map<String, Object> machine() {
        var machine = new LinkedHashMap<String, Object>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("jdk", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " (" + System.getProperty("os.arch") + ")");
        return machine;
    }

    /**
     * The tour's command line, parsed by picocli ({@link Line}) and checked: each row named in
     * {@code --only} exists and is built, the language has words.
     */
    record Options(Set<String> only, boolean quick, Path json, Path report, String lang, boolean help) {
        /** The options as picocli fills them in; its usage text is the tour's one usage text. */
        @CommandLine.Command(name = "./rosetta tour", sortOptions = false,
                description = "The comparison of Python's parallel-processing libraries, each claim measured on this machine.")
        static final class Line {
            @CommandLine.Option(names = "--only", paramLabel = "ROW", split = ",",
                    description = "only these rows (default: every row)")
            List<String> only = new ArrayList<>();
            @CommandLine.Option(names = "--quick", description = "every experiment in seconds: rougher figures, same names")
            boolean quick;
            @CommandLine.Option(names = "--json", paramLabel = "FILE", description = "also write the figures to FILE as JSON")
            Path json;
            @CommandLine.Option(names = "--report", paramLabel = "DIR",
                    description = "also write DIR/index.html: figures, charts and timelines")
            Path report;
            @CommandLine.Option(names = "--lang", paramLabel = "en|ko", description = "in Korean: --lang ko (also LANG=ko_KR.UTF-8)")
            String lang;
            @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
            boolean help;
        }

        /** The usage text: what {@code --help} prints, and what follows a refused argument. */
        static String usage() {
            return new CommandLine(new Line()).getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
        }

        /** Parses and checks {@code args}; an {@link IllegalArgumentException} names what is wrong. */
        static Options parse(List<String> args, List<TourRow> rows) {
            var line = new Line();
            try {
                new CommandLine(line).parseArgs(args.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (line.lang != null) {
                TourRow.words(line.lang); // an unknown language fails here, naming the ones there are
            }
            Set<String> only = line.only.isEmpty() ? Set.of() : rows(line.only, rows);
            return new Options(only, line.quick, line.json, line.report, line.lang, line.help);
        }

        /** The rows named, each one that exists and is built; an error names any other. */
        private static Set<String> rows(List<String> list, List<TourRow> rows) {
            List<String> names = rows.stream().map(TourRow::name).toList();
            List<String> built = rows.stream().filter(TourRow::built).map(TourRow::name).toList();
            var chosen = new ArrayList<String>();
            for (String name : list) {
                String row = name.strip();
                if (!names.contains(row)) {
                    throw new IllegalArgumentException("--only: no row '" + row + "'; the rows are " + String.join(", ", names));
                }
                if (!built.contains(row)) {
                    throw new IllegalArgumentException("--only: " + row + " is not built yet: it has no experiment to run"
                            + " (the rows built so far are " + String.join(", ", built) + ")");
                }
                chosen.add(row);
            }
            return Set.copyOf(chosen);
        }
    }
}
