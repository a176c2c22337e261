package dev.rosetta.coach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code learn}'s command line: each subcommand's options, {@code --lang} anywhere, and wrong options named. */
class LearnLineTest {

    @Test
    void verifyTakesItsJsonFileJobsAndIds() {
        var parsed = LearnLine.parse(List.of("verify", "--jobs", "3", "threading/event", "--json", "out.json", "asyncio/gather"));
        assertEquals("verify", parsed.command());
        var verify = (LearnLine.Verify) parsed.options();
        assertEquals(Path.of("out.json"), verify.json);
        assertEquals(3, verify.jobs);
        assertEquals(List.of("threading/event", "asyncio/gather"), verify.ids);
        var defaults = (LearnLine.Verify) LearnLine.parse(List.of("verify")).options();
        assertNull(defaults.json);
        assertEquals(TestJvms.DEFAULT_JOBS, defaults.jobs);
        assertEquals(List.of(), defaults.ids);
    }

    @Test
    void mutateTakesItsBarThreadsAndJobs() {
        var mutate = (LearnLine.Mutate) LearnLine.parse(List.of("mutate", "--min", "80", "--threads", "2", "--jobs", "2",
                "futures/gather")).options();
        assertEquals(80, mutate.minimum);
        assertEquals(2, mutate.threads);
        assertEquals(2, mutate.jobs);
        assertEquals(List.of("futures/gather"), mutate.ids);
        var defaults = (LearnLine.Mutate) LearnLine.parse(List.of("mutate")).options();
        assertEquals(Mutate.MINIMUM_SCORE, defaults.minimum);
        assertEquals(1, defaults.threads);
        assertEquals(1, defaults.jobs);
    }

    @Test
    void checkHintAndResetTakeAnIdAndTheirFlags() {
        var check = (LearnLine.Check) LearnLine.parse(List.of("check", "demo/adder", "--full")).options();
        assertEquals("demo/adder", check.id);
        assertTrue(check.full);
        var hint = (LearnLine.Hint) LearnLine.parse(List.of("hint", "demo/adder", "2")).options();
        assertEquals("demo/adder", hint.id);
        assertEquals(2, hint.number);
        assertNull(((LearnLine.Hint) LearnLine.parse(List.of("hint", "demo/adder")).options()).number);
        var reset = (LearnLine.Reset) LearnLine.parse(List.of("reset", "--yes", "demo/adder")).options();
        assertEquals("demo/adder", reset.id);
        assertTrue(reset.yes);
        assertNull(((LearnLine.Check) LearnLine.parse(List.of("check")).options()).id,
                "no id: the coach asks which, in the learner's language");
    }

    @Test
    void langIsTakenBeforeOrAfterTheSubcommand() {
        assertEquals("ko", LearnLine.parse(List.of("--lang", "ko")).lang());
        assertNull(LearnLine.parse(List.of("--lang", "ko")).command(), "no subcommand: the coach (or the progress)");
        assertEquals("ko", LearnLine.parse(List.of("hint", "demo/adder", "--lang", "ko")).lang());
        assertEquals("ko", LearnLine.parse(List.of("--lang", "ko", "list")).lang());
        assertNull(LearnLine.parse(List.of("list")).lang());
    }

    @Test
    void helpInEveryForm() {
        for (List<String> args : List.of(List.of("--help"), List.of("-h"), List.of("help"), List.of("verify", "--help"))) {
            assertTrue(LearnLine.parse(args).help(), args.toString());
        }
        assertFalse(LearnLine.parse(List.of("list")).help());
    }

    @Test
    void aWrongOptionOrValueIsNamed() {
        var unknown = assertThrows(CommandLine.ParameterException.class, () -> LearnLine.parse(List.of("verify", "--jsn", "x")));
        assertTrue(unknown.getMessage().contains("'--jsn'"), unknown.getMessage());
        var missing = assertThrows(CommandLine.ParameterException.class, () -> LearnLine.parse(List.of("verify", "--json")));
        assertTrue(missing.getMessage().contains("'--json'"), missing.getMessage());
        var notANumber = assertThrows(CommandLine.ParameterException.class,
                () -> LearnLine.parse(List.of("verify", "--jobs", "two")));
        assertTrue(notANumber.getMessage().contains("'--jobs'") && notANumber.getMessage().contains("'two'"),
                notANumber.getMessage());
        var flagAsValue = assertThrows(CommandLine.ParameterException.class,
                () -> LearnLine.parse(List.of("verify", "--json", "--jobs", "2")));
        assertTrue(flagAsValue.getMessage().contains("--json"), "--jobs is not a file name: " + flagAsValue.getMessage());
        assertThrows(CommandLine.ParameterException.class, () -> LearnLine.parse(List.of("fly")));
        assertThrows(CommandLine.ParameterException.class, () -> LearnLine.parse(List.of("list", "extra")));
    }
}
