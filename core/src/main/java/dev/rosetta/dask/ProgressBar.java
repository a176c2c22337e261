package dev.rosetta.dask;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * dask's {@code dask.diagnostics.ProgressBar}: a bar of the tasks done, redrawn in place while a
 * computation runs, and left on its last line when it ends:
 *
 * <pre>{@code
 * [########################################] | 100% Completed | 1.23 s
 * }</pre>
 *
 * <pre>{@code
 * // Python:  with ProgressBar():
 * //              result = df.groupby("zone").fare.mean().compute()
 * frame.compute(scheduler, new ProgressBar(System.out));
 * }</pre>
 *
 * <p>Thread-safety: a scheduler calls it from its one loop thread; one computation at a time.
 */
public final class ProgressBar implements Scheduler.Callback {
    private static final int WIDTH = 40;
    private final PrintStream out;
    private final LongSupplier clock;
    private long started;
    private long drawnAt;
    private int total;
    private int done;

    /** A bar drawn on {@code out}. */
    public ProgressBar(PrintStream out) {
        this(out, System::nanoTime);
    }

    ProgressBar(PrintStream out, LongSupplier nanoClock) {
        this.out = out;
        this.clock = nanoClock;
    }

    /** The bar's line for {@code done} of {@code total} tasks after {@code seconds}. */
    static String line(int done, int total, double seconds) {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        return String.format(Locale.ROOT, "[%s%s] | %3d%% Completed | %.2f s", "#".repeat(filled),
                " ".repeat(WIDTH - filled), percent, seconds);
    }

    @Override
    public void start(TaskGraph graph, int tasks) {
        started = clock.getAsLong();
        drawnAt = started;
        total = tasks;
        done = 0;
    }

    @Override
    public void posttask(String key, int doneSoFar, int all) {
        done = doneSoFar;
        long now = clock.getAsLong();
        if (now - drawnAt >= 100_000_000L) { // at most ten redraws a second
            drawnAt = now;
            out.print("\r" + line(done, total, (now - started) / 1e9));
            out.flush();
        }
    }

    @Override
    public void finish(boolean failed) {
        out.print("\r" + line(done, total, (clock.getAsLong() - started) / 1e9) + "\n");
        out.flush();
    }
}
