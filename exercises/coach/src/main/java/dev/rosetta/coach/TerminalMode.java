package dev.rosetta.coach;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Puts the terminal in "one key at a time, no echo" mode for the coach, and puts it back.
 * Java cannot do this by itself; {@code stty} on the controlling terminal can. The previous
 * settings are restored on {@link #close()} and, should the JVM be stopped by Ctrl-C, by a
 * shutdown hook.
 *
 * <p>Thread-safety: not thread-safe; one per coach.
 */
final class TerminalMode implements AutoCloseable {
    private final String saved;
    private final Thread restoreOnExit;

    private TerminalMode(String saved) {
        this.saved = saved;
        this.restoreOnExit = new Thread(this::restore, "restore-terminal");
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
    }

    /** Whether this JVM talks to a terminal a person is typing in. */
    static boolean interactive() {
        return System.console() != null && System.console().isTerminal();
    }

    /** Switches the controlling terminal to raw keys. */
    static TerminalMode raw() throws IOException, InterruptedException {
        String saved = stty("-g").strip();
        stty("-icanon", "-echo", "min", "1");
        return new TerminalMode(saved);
    }

    private void restore() {
        try {
            stty(saved);
        } catch (IOException | InterruptedException ignored) {
            // nothing more we can do for the terminal
        }
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook runs anyway
        }
    }

    private static String stty(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<String>();
        command.add("stty");
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(new File("/dev/tty")).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return output;
    }
}
