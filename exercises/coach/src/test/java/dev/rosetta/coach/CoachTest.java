package dev.rosetta.coach;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the interactive coach with simulated key presses and simulated saves. */
@TimeLimit(seconds = 180)
class CoachTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PipedOutputStream keys = new PipedOutputStream();
    private final FailureCollector failures = new FailureCollector();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private Thread running;
    private FixtureWorkbook fixture;
    private Coach coach;

    private void start(Path dir) throws Exception {
        fixture = new FixtureWorkbook(dir);
        coach = new Coach(fixture.workbook, new PipedInputStream(keys),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        running = Thread.ofPlatform().name("coach").start(failures.wrap(() -> exitCode.set(coach.run())));
    }

    @AfterEach
    void stop() throws Exception {
        keys.close();
        if (running != null) {
            running.join(TimeLimits.LONG);
        }
        failures.rethrow();
    }

    /**
     * The learner's path: see it fail, get refused when moving on early, read a hint, fix it with
     * a save, see it pass, list, move on, quit — and the pass is remembered.
     */
    @Test
    void failHintFixPassMoveOn(@TempDir Path dir) throws Exception {
        start(dir);
        awaitPrinted("demo/adder — Add two numbers");
        awaitPrinted("demo/adder: FAILED 1 of 1 tests.");
        awaitPrinted("2 + 3 should be 5");

        press('n');
        awaitPrinted("n moves on only after a pass, and demo/adder does not pass yet");
        press('h');
        awaitPrinted("hint 1 of 2:\nThink about what + does.");
        awaitPrinted("h hint (1 left)");

        Files.copy(fixture.solution("adder", "Adder.java"), fixture.stub("Adder.java"), StandardCopyOption.REPLACE_EXISTING);
        awaitPrinted("saved Adder.java: checking ...");
        awaitPrinted("demo/adder: PASSED all 1 tests.");
        awaitPrinted("after the save)");
        awaitPrinted("Compare with the reference solution: exercises/workbook/src/solution/demo/adder/");
        assertTrue(!printedText().contains("demo/weak —"), "it must not move on by itself:\n" + printedText());

        press('l');
        awaitPrinted("> passed   demo/adder");
        press('n');
        awaitPrinted("demo/weak — Tests too weak to catch a mistake");
        press('q');
        running.join(TimeLimits.LONG);
        assertEquals(0, exitCode.get());
        assertTrue(Progress.load(fixture.root).passed("demo/adder"));
    }

    /** A hint taken with {@code ./rosetta learn hint} in another terminal counts in the coach: it shows the next one. */
    @Test
    void theHintCountStaysInStepWithLearnHint(@TempDir Path dir) throws Exception {
        start(dir);
        awaitPrinted("demo/adder: FAILED 1 of 1 tests.");
        awaitPrinted("h hint (2 left)");

        assertEquals(0, fixture.learn("hint", "demo/adder"));
        press('h');
        awaitPrinted("hint 2 of 2:");
        awaitPrinted("h hint (0 left)");
        press('h');
        awaitPrinted("no more hints for demo/adder; all 2 again: ./rosetta learn hint demo/adder N");
        press('q');
        running.join(TimeLimits.LONG);
        assertEquals(2, Progress.load(fixture.root).hintsShown("demo/adder"));
    }

    /** Save-to-verdict latency, the coach's key figure: printed, never asserted (speed is not a unit test). */
    @Test
    void measuresSaveToVerdict(@TempDir Path dir) throws Exception {
        start(dir);
        awaitPrinted("demo/adder: FAILED 1 of 1 tests.");
        Path stub = fixture.stub("Adder.java");
        String wrong = Files.readString(stub);
        String right = Files.readString(fixture.solution("adder", "Adder.java"));
        int saves = 7;
        for (int i = 1; i <= saves; i++) {
            Files.writeString(stub, i % 2 == 1 ? right : wrong);
            int expected = i;
            await().atMost(TimeLimits.LONG).until(() -> coach.saveToVerdictSeconds().size() >= expected);
        }
        press('q');
        running.join(TimeLimits.LONG);
        List<Double> seconds = coach.saveToVerdictSeconds();
        double median = seconds.stream().sorted().toList().get(seconds.size() / 2);
        System.out.printf(Locale.ROOT, "coach save-to-verdict: median %.2f s over %d saves %s%n", median, saves, seconds);
        assertEquals(saves, seconds.size());
    }

    /** A folder made while the coach runs (a new package) is watched too: a file saved in it is checked. */
    @Test
    void aNewFolderIsWatchedToo(@TempDir Path dir) throws Exception {
        start(dir);
        awaitPrinted("demo/adder: FAILED 1 of 1 tests.");
        Path folder = fixture.stub("Adder.java").resolveSibling("helpers");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("Twice.java"), """
                package dev.rosetta.exercises.demo.helpers;
                public class Twice {
                    public static int of(int x) {
                        return 2 * x;
                    }
                }
                """);
        awaitPrinted("saved Twice.java: checking ...");
        press('q');
    }

    private void press(char key) throws IOException {
        keys.write(key);
        keys.flush();
    }

    private String printedText() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private void awaitPrinted(String text) {
        await().atMost(TimeLimits.LONG)
                .failFast("the coach stopped", () -> !running.isAlive())
                .alias("the coach to print \"" + text + "\"")
                .until(() -> printedText().contains(text));
    }
}
