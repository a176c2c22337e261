package dev.rosetta.coach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimit;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;

/**
 * The coach's raw keys, without a TTY of the test's own: JLine's terminal over a pipe (on a
 * pseudo-terminal it opens itself) runs the same line discipline a real one does, so "a key arrives
 * before Enter, and is not echoed" can be checked here.
 */
@TimeLimit(seconds = 20)
class TerminalModeTest {

    @Test
    void aKeyArrivesAtOnceUnechoedAndTheModeIsRestored() throws Exception {
        var typed = new PipedOutputStream();
        var keyboard = new PipedInputStream(typed);
        var screen = new ByteArrayOutputStream();
        Terminal terminal = TerminalBuilder.builder().system(false).streams(keyboard, screen).type("xterm").build();
        Attributes cooked = new Attributes(terminal.getAttributes());
        assertTrue(cooked.getLocalFlag(Attributes.LocalFlag.ICANON) && cooked.getLocalFlag(Attributes.LocalFlag.ECHO),
                "a terminal starts line by line, echoing");

        var mode = TerminalMode.raw(terminal);
        assertFalse(mode.restored());
        typed.write('h'); // no Enter after it
        typed.flush();
        int key = mode.keys().read();
        assertEquals('h', key, "in raw mode a key arrives on its own, without waiting for Enter");
        terminal.flush();
        assertFalse(screen.toString(StandardCharsets.UTF_8).contains("h"), "in raw mode a key is not echoed");

        mode.close();
        Attributes after = terminal.getAttributes();
        for (var flag : EnumSet.of(Attributes.LocalFlag.ICANON, Attributes.LocalFlag.ECHO)) {
            assertTrue(after.getLocalFlag(flag), flag + " is back after close: the learner's shell works as before");
        }
        typed.close(); // the terminal's input pump sees the end of the keys and stops
        terminal.close();
    }

    @Test
    void withoutATerminalTheCoachIsNotStarted() {
        // the build's test JVM has no console: learn prints the progress and reads no keys (see LearnTest)
        assertFalse(TerminalMode.interactive());
    }
}
