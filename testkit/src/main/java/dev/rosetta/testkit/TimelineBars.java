package dev.rosetta.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads back the bars of an SVG timeline that an example main wrote with {@code --timeline FILE}
 * (core's {@code SvgTimeline}): which lanes and kinds of work it drew.
 *
 * <pre>{@code
 * PrintedOutput.ofMain(CpuBoundMap.class, "--timeline", dir.resolve("pool.svg").toString());
 * Set<String> lanes = TimelineBars.lanes(dir.resolve("pool.svg"));   // {"worker-1 (pid 4242)/main", ...}
 * }</pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class TimelineBars {
    private TimelineBars() {
    }

    /** The lanes ("process/thread") that have at least one bar. */
    public static Set<String> lanes(Path svg) throws IOException {
        return values(svg, "data-lane");
    }

    /** The kinds of work drawn ("holds GIL", "chunk", "task step", ...). */
    public static Set<String> kinds(Path svg) throws IOException {
        return values(svg, "data-kind");
    }

    private static Set<String> values(Path svg, String attribute) throws IOException {
        return Pattern.compile(attribute + "=\"([^\"]*)\"").matcher(Files.readString(svg)).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());
    }
}
