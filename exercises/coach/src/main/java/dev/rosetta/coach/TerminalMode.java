package dev.rosetta.coach;

import java.io.IOException;
import java.io.InputStream;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The coach's terminal in "one key at a time, no echo" mode, and back: JLine's terminal
 * (its FFM provider calls the C library's termios directly; no {@code stty} process is run).
 * The previous settings are restored on {@link #close()} and, should the JVM be stopped by
 * Ctrl-C, by a shutdown hook.
 *
 * <p>Not a terminal (CI, a pipe, an IDE's console): {@link #interactive()} says no, and the
 * coach is never started; {@code learn} prints the progress instead and reads nothing.
 *
 * <p>Thread-safety: not thread-safe; one per coach. {@link #keys()} may be read by one other
 * thread while the owner runs.
 */
final class TerminalMode implements AutoCloseable {
    private final Terminal terminal;
    private final boolean owned;
    private final Attributes saved;
    private final Thread restoreOnExit;

    private TerminalMode(Terminal terminal, boolean owned) {
        this.terminal = terminal;
        this.owned = owned;
        this.saved = terminal.enterRawMode();
        this.restoreOnExit = new Thread(this::restore, "restore-terminal");
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
    }

    /** Whether this JVM talks to a terminal a person is typing in (not a pipe, not a file, not CI). */
    static boolean interactive() {
        return System.console() != null && System.console().isTerminal();
    }

    /** The controlling terminal, switched to raw keys (call only when {@link #interactive()}). */
    static TerminalMode raw() throws IOException {
        return new TerminalMode(TerminalBuilder.builder().system(true).exec(false).dumb(false).build(), true);
    }

    /** {@code terminal} switched to raw keys; closing the mode restores it (and leaves it open: it is the caller's). */
    static TerminalMode raw(Terminal terminal) {
        return new TerminalMode(terminal, false);
    }

    /** The keys as they are typed, one byte each, not echoed, not held back until Enter. */
    InputStream keys() {
        return terminal.input();
    }

    /** Whether the terminal is in the mode it was in before (line by line, echoing). */
    boolean restored() {
        Attributes now = terminal.getAttributes();
        return now.getLocalFlags().equals(saved.getLocalFlags()) && now.getInputFlags().equals(saved.getInputFlags());
    }

    private void restore() {
        terminal.setAttributes(saved);
        terminal.flush();
    }

    @Override
    public void close() throws IOException {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook runs anyway
        }
        if (owned) {
            terminal.close();
        }
    }
}
