package dev.rosetta.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScreenTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    /** On a terminal the progress line names the row and experiment, and is erased before each printed line. */
    @Test
    void aTerminalShowsProgressBeneathTheLines() throws Exception {
        try (var screen = Screen.terminal(out)) {
            screen.row("threading");
            screen.experiment("cpu_speedup_gil");
            assertTrue(screen.progress().matches("… threading · cpu_speedup_gil \\d+ s · row \\d+ s"), screen.progress());
            screen.println("| a table line |");
            screen.rowDone();
            assertNull(screen.progress());
        }
        String said = printed.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("\r\033[2K… threading · cpu_speedup_gil 0 s"), said);
        assertTrue(said.contains("\r\033[2K| a table line |\n"), "the progress line is erased before a line: " + said);
    }

    /** Without a terminal only the lines are printed. */
    @Test
    void withoutATerminalOnlyTheLines() throws Exception {
        try (var screen = Screen.plain(out)) {
            screen.row("threading");
            screen.experiment("cpu_speedup_gil");
            screen.println("| a table line |");
            screen.rowDone();
        }
        assertEquals("| a table line |\n", printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
