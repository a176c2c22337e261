package dev.rosetta.tour;

import dev.rosetta.trace.SvgTimeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./rosetta pictures [DIR]}: draws the timeline of every row's headline experiment, the
 * pictures the chapters show, as {@code DIR/ROW-timeline.svg} ({@code docs/img} by default). The
 * same experiments the report traces ({@link TourRow#headline()}), so the chapters and
 * {@code ./rosetta tour --report DIR} show the same thing.
 *
 * <p>Exit codes: 0 every picture drawn, 1 an experiment failed (the others are still drawn),
 * 2 bad arguments.
 */
public final class Pictures {
    static final String USAGE = "usage: ./rosetta pictures [DIR]   (default docs/img)";

    private Pictures() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 || args.length == 1 && args[0].startsWith("-")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        int code = draw(Path.of(args.length == 1 ? args[0] : "docs/img"), Rows.all());
        System.out.flush();
        System.exit(code);
    }

    /** Draws each built row's headline into {@code dir}; 0 when all were drawn, else 1. */
    static int draw(Path dir, List<TourRow> rows) throws Exception {
        Files.createDirectories(dir);
        int failed = 0;
        for (TourRow row : rows) {
            if (!row.built() || row.headline() == null) {
                continue;
            }
            System.out.println(row.name() + ": " + row.headline().title());
            Tour.Watched watched = Tour.Watched.run(row.headline());
            if (watched.error() != null) {
                System.out.println("  FAILED: " + watched.error());
                failed++;
                continue;
            }
            Path file = dir.resolve(row.name() + "-timeline.svg");
            SvgTimeline.write(file, watched.spans(), watched.headline().title());
            System.out.println("  " + file + " (" + watched.spans().size() + " spans)");
        }
        return failed == 0 ? 0 : 1;
    }
}
