package dev.rosetta.trace;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code --timeline FILE} option of every example main: runs the main with tracing on
 * ({@link Tracer#record()}) and then draws what every row recorded.
 *
 * <pre>{@code
 * public static void main(String[] args) throws Exception {
 *     TimelineFlag.run(args, CpuBoundMap::demo);     // demo(args) gets the other arguments
 * }
 * }</pre>
 *
 * <p>What FILE's extension asks for:
 * <ul>
 *   <li>{@code run.svg}: the SVG timeline only ({@link SvgTimeline});</li>
 *   <li>{@code run.json}: the Chrome trace only ({@link ChromeTrace}; open it in https://ui.perfetto.dev);</li>
 *   <li>anything else, e.g. {@code run}: both, as {@code run.svg} and {@code run.json}.</li>
 * </ul>
 * Without the option the main runs as it always does, with tracing off. The files are written
 * when the main returns (not when it throws), and named on standard output.
 *
 * <p>Thread-safety: call it from a main; it switches tracing on for the whole JVM while the main runs.
 */
public final class TimelineFlag {
    /** The option's name. */
    public static final String OPTION = "--timeline";

    private TimelineFlag() {
    }

    /** A main's body: what runs with the arguments that are not {@code --timeline FILE}. */
    @FunctionalInterface
    public interface Main {
        /** Runs the example. */
        void run(String[] args) throws Exception;
    }

    /**
     * Runs {@code main} with {@code args} minus {@code --timeline FILE}; with the option, traces
     * it and writes the timeline named {@code title} (the main's class, usually).
     *
     * @throws IllegalArgumentException {@code --timeline} without a file after it
     */
    public static void run(String[] args, Main main) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int at = rest.indexOf(OPTION);
        if (at < 0) {
            main.run(args);
            return;
        }
        if (at + 1 >= rest.size()) {
            throw new IllegalArgumentException(OPTION + " needs a file: --timeline run.svg (the picture),"
                    + " run.json (a Chrome trace for ui.perfetto.dev) or run (both)");
        }
        Path file = Path.of(rest.remove(at + 1));
        rest.remove(at);
        String title = titleOf(main);
        try (Tracer tracer = Tracer.record()) {
            main.run(rest.toArray(String[]::new));
            tracer.close();
            write(file, tracer.spans(), title, System.out);
        }
    }

    /** Writes {@code spans} as FILE asks (see the class comment); names what it wrote on {@code out}. */
    public static List<Path> write(Path file, List<Span> spans, String title, PrintStream out) throws IOException {
        String name = file.getFileName().toString();
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<Path> written = name.endsWith(".svg") || name.endsWith(".json") ? List.of(file)
                : List.of(file.resolveSibling(name + ".svg"), file.resolveSibling(name + ".json"));
        for (Path target : written) {
            if (target.getFileName().toString().endsWith(".svg")) {
                SvgTimeline.write(target, spans, title);
                out.println("timeline: " + target + " (" + spans.size() + " spans; open it in a browser)");
            } else {
                ChromeTrace.write(target, spans);
                out.println("Chrome trace: " + target + " (" + spans.size() + " spans; open it in https://ui.perfetto.dev)");
            }
        }
        return written;
    }

    /** The simple name of the class a method reference like {@code CpuBoundMap::demo} points into. */
    private static String titleOf(Main main) {
        String name = main.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        name = lambda < 0 ? name : name.substring(0, lambda);
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
