package dev.rosetta.tour;

import dev.rosetta.trace.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code ./rosetta tour [--only ROW,ROW] [--quick] [--json FILE]}: the comparison of Python's
 * seven parallel-processing libraries, with each claim measured on this machine.
 *
 * <p>Prints the comparison as a Markdown table, with every row's figures beside its claims,
 * and, with {@code --json}, writes
 * {@code {"machine": {...}, "rows": {"threading": {"built": true, "metrics": {...}}, ...}}}
 * so that the docs, charts and checks read the same numbers. {@code --quick} shortens every
 * experiment to seconds (for tests); the figures are then rougher but have the same names.
 */
public final class Tour {
    private final PrintStream out;

    Tour(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        int code = new Tour(System.out).run(List.of(args));
        System.out.flush();
        System.exit(code);
    }

    /** Runs the tour; the exit code (0 fine, 1 a row failed, 2 bad arguments). */
    int run(List<String> args) throws IOException {
        Options options;
        try {
            options = Options.parse(args, Rows.all().stream().map(TourRow::name).toList());
        } catch (IllegalArgumentException e) {
            out.println("tour: " + e.getMessage());
            out.println("usage: ./rosetta tour [--only ROW,ROW] [--quick] [--json FILE]");
            return 2;
        }
        Map<String, Object> machine = machine();
        out.printf("Parallel Rosetta tour%s: measured on this machine (%s cores, JDK %s, %s)%n%n",
                options.quick() ? " (--quick: short runs, rough figures)" : "",
                machine.get("cores"), machine.get("jdk"), machine.get("os"));
        out.println("| library | what it is | typical use | strength | weakness | measured here |");
        out.println("|---|---|---|---|---|---|");
        var rows = new LinkedHashMap<String, Object>();
        boolean failed = false;
        for (TourRow row : Rows.all()) {
            if (!options.only().isEmpty() && !options.only().contains(row.name())) {
                continue;
            }
            var result = new LinkedHashMap<String, Object>();
            result.put("built", row.built());
            String figures;
            if (row instanceof Rows.NotBuilt notBuilt) {
                result.put("metrics", Map.of());
                figures = notBuilt.why();
            } else {
                try {
                    Map<String, Object> metrics = row.measure(options.quick());
                    result.put("metrics", metrics);
                    figures = metrics.entrySet().stream().map(e -> e.getKey() + " " + format(e.getValue()))
                            .collect(Collectors.joining(" · "));
                } catch (Exception e) {
                    failed = true;
                    result.put("metrics", Map.of());
                    result.put("error", String.valueOf(e));
                    figures = "FAILED: " + e;
                }
            }
            rows.put(row.name(), result);
            TourRow.Claims c = row.claims();
            out.printf("| %s | %s | %s | %s | %s | %s |%n", c.library(), c.whatItIs(), c.typicalUse(),
                    c.strength(), c.weakness(), figures);
            out.flush();
        }
        if (options.json() != null) {
            var root = new LinkedHashMap<String, Object>();
            root.put("machine", machine);
            root.put("quick", options.quick());
            root.put("rows", rows);
            Path parent = options.json().toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(options.json(), Json.pretty(root));
            out.println();
            out.println("figures written to " + options.json());
        }
        return failed ? 1 : 0;
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : "%.2f", d);
        }
        return String.valueOf(value);
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

    /** The tour's command line, checked. */
    record Options(Set<String> only, boolean quick, Path json) {
        static Options parse(List<String> args, List<String> rowNames) {
            Set<String> only = Set.of();
            boolean quick = false;
            Path json = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--quick" -> quick = true;
                    case "--only" -> only = rows(value(args, ++i, arg), rowNames);
                    case "--json" -> json = Path.of(value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            return new Options(only, quick, json);
        }

        private static String value(List<String> args, int i, String flag) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args.get(i);
        }

        private static Set<String> rows(String list, List<String> rowNames) {
            var chosen = new ArrayList<String>();
            for (String name : list.split(",")) {
                if (!rowNames.contains(name.strip())) {
                    throw new IllegalArgumentException("--only: no row '" + name.strip() + "'; the rows are "
                            + String.join(", ", rowNames));
                }
                chosen.add(name.strip());
            }
            return Set.copyOf(chosen);
        }
    }
}
