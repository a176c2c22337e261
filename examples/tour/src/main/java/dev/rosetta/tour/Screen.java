package dev.rosetta.tour;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where the tour prints: its lines, and on a terminal a progress line beneath them (row,
 * experiment, time elapsed) that is redrawn every second and erased before each printed line,
 * so that the printed table stays clean. Without a terminal (a pipe, a file, a test) there is no
 * progress line: only the tour's lines.
 *
 * <p>Thread-safety: thread-safe; every write holds the screen's lock, shared by the tour's thread
 * and the ticker that redraws the progress line.
 */
public final class Screen implements AutoCloseable {
    private final PrintStream out;
    private final boolean terminal;
    private final Thread ticker;
    // guarded by this
    private String row;
    private String experiment;
    private long rowStart;
    private long experimentStart;
    private boolean drawn;

    private Screen(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.ticker = terminal ? Thread.ofPlatform().daemon(true).name("tour-progress").start(this::tick) : null;
    }

    /** Lines only, no progress line. */
    public static Screen plain(PrintStream out) {
        return new Screen(out, false);
    }

    /** Lines, and a progress line redrawn beneath them: for a person at a terminal. */
    public static Screen terminal(PrintStream out) {
        return new Screen(out, true);
    }

    /** Prints {@code line} (above the progress line, which is redrawn under it). */
    public synchronized void println(String line) {
        erase();
        out.println(line);
        draw();
        out.flush();
    }

    /** A row starts: the progress line names it and counts from now. */
    public synchronized void row(String name) {
        row = name;
        experiment = "starting";
        rowStart = experimentStart = System.nanoTime();
        draw();
    }

    /** An experiment of the current row starts. */
    public synchronized void experiment(String name) {
        experiment = name;
        experimentStart = System.nanoTime();
        draw();
    }

    /** The current row is done: no progress line until the next. */
    public synchronized void rowDone() {
        erase();
        row = null;
        out.flush();
    }

    /** The progress line's text, e.g. {@code … threading · cpu_speedup_gil 3 s · row 12 s}; null between rows. */
    synchronized String progress() {
        if (row == null) {
            return null;
        }
        long now = System.nanoTime();
        return String.format(Locale.ROOT, "… %s · %s %d s · row %d s", row, experiment,
                (now - experimentStart) / 1_000_000_000L, (now - rowStart) / 1_000_000_000L);
    }

    private void draw() {
        String text = progress();
        if (terminal && text != null) {
            out.print("\r\033[2K" + text);
            out.flush();
            drawn = true;
        }
    }

    private void erase() {
        if (drawn) {
            out.print("\r\033[2K");
            drawn = false;
        }
    }

    private void tick() {
        try {
            while (true) {
                Thread.sleep(1_000);
                synchronized (this) {
                    draw();
                }
            }
        } catch (InterruptedException closed) {
            // the tour is done
        }
    }

    /** Erases the progress line and stops redrawing it. */
    @Override
    public void close() throws InterruptedException {
        if (ticker != null) {
            ticker.interrupt();
            ticker.join();
        }
        synchronized (this) {
            erase();
            out.flush();
        }
    }
}
