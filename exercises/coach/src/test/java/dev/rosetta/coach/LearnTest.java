package dev.rosetta.coach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnTest {

    /** The learner's path: check fails with the test's message, the fix passes and is remembered. */
    @Test
    void checkFailsThenPassesAndRemembers(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);

        assertEquals(1, fixture.learn("check", "demo/adder"));
        assertTrue(fixture.printed().contains("demo/adder: FAILED 1 of 1 tests."), fixture.printed());
        assertTrue(fixture.printed().contains("✗ AdderTest > addsTwoNumbers()"), fixture.printed());
        assertTrue(fixture.printed().contains("2 + 3 should be 5 ==> expected: <5> but was: <0>"), fixture.printed());
        assertTrue(fixture.printed().contains("stuck? ./rosetta learn hint demo/adder   (2 hints)"), fixture.printed());

        Files.copy(fixture.solution("adder", "Adder.java"), fixture.stub("Adder.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(0, fixture.learn("check", "demo/adder"), fixture.printed());
        assertTrue(fixture.printed().contains("demo/adder: PASSED all 1 tests."), fixture.printed());
        assertTrue(fixture.printed().contains("exercises/workbook/src/solution/demo/adder/"), fixture.printed());

        assertEquals(0, fixture.learn("list"));
        assertTrue(fixture.printed().matches("(?s)\\s*passed\\s+demo/adder.*todo\\s+demo/weak.*"), fixture.printed());
        assertEquals(0, fixture.learn());
        assertTrue(fixture.printed().contains("] 1/2"), fixture.printed());
        assertTrue(fixture.printed().contains("next: demo/weak"), fixture.printed());
    }

    /** Code that does not compile is reported with file and line, before any test runs. */
    @Test
    void aCompileErrorNamesFileAndLine(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);
        Files.writeString(fixture.stub("Adder.java"), "package dev.rosetta.exercises.demo;\npublic class Adder {\n  int add(int a, int b) { return a + ; }\n}\n");

        assertEquals(1, fixture.learn("check", "demo/adder"));
        assertTrue(fixture.printed().contains("does not compile"), fixture.printed());
        assertTrue(fixture.printed().contains("Adder.java:3: illegal start of expression"), fixture.printed());
    }

    /** A forbidden API is reported in the coach's voice, with file and line; comments do not count. */
    @Test
    void aForbiddenApiIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);
        Files.writeString(fixture.stub("Adder.java"), """
                package dev.rosetta.exercises.demo;
                // addExact in a comment is fine, and so is "addExact" in a string
                public class Adder {
                    public int add(int a, int b) { String s = "addExact"; return Math.addExact(a, b); }
                }
                """);

        assertEquals(1, fixture.learn("check", "demo/adder"));
        assertTrue(fixture.printed().contains("this exercise asks you not to use Math.addExact (use +);"
                + " Adder.java line 4 uses java.lang.Math.addExact"), fixture.printed());
        assertTrue(!fixture.printed().contains("line 2"), fixture.printed());
    }

    /**
     * Rules are judged on the compiled code, not on words: a variable, a method of the learner's
     * own, a comment and a string that share the forbidden API's name are all fine.
     */
    @Test
    void aNameIsNotAUse(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);
        Files.writeString(fixture.stub("Adder.java"), """
                package dev.rosetta.exercises.demo;
                public class Adder {
                    // Math.addExact would throw on overflow; "addExact" is only a name here
                    public int add(int a, int b) { int addExact = a; return addExact(addExact, b); }
                    private static int addExact(int a, int b) { String why = "Math.addExact"; return a + b; }
                }
                """);

        assertEquals(0, fixture.learn("check", "demo/adder"), fixture.printed());
        assertTrue(fixture.printed().contains("PASSED"), fixture.printed());
    }

    /** Hints come one at a time, say how many are left, and stop at the last. */
    @Test
    void hintsComeOneAtATime(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);

        assertEquals(0, fixture.learn("hint", "demo/adder"));
        assertTrue(fixture.printed().startsWith("hint 1 of 2 for demo/adder:"), fixture.printed());
        assertTrue(fixture.printed().contains("1 more hint(s)"), fixture.printed());
        assertEquals(0, fixture.learn("hint", "demo/adder"));
        assertTrue(fixture.printed().contains("return a + b;"), fixture.printed());
        assertTrue(fixture.printed().contains("that was the last hint."), fixture.printed());
        assertEquals(2, fixture.learn("hint", "demo/adder", "3"));
        assertTrue(fixture.printed().contains("has hints 1 to 2, not 3"), fixture.printed());
    }

    /** Unknown commands and exercises are refused by name. */
    @Test
    void refusesWhatItDoesNotKnow(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);

        assertEquals(2, fixture.learn("fly"));
        assertTrue(fixture.printed().startsWith("learn: unknown command 'fly'"), fixture.printed());
        assertEquals(2, fixture.learn("verify", "--json"));
        assertTrue(fixture.printed().startsWith("learn verify: Missing required parameter for option '--json' (FILE)"),
                "--json with no value is not an exercise id: " + fixture.printed());
        assertEquals(2, fixture.learn("verify", "--jsn", "out.json"));
        assertTrue(fixture.printed().startsWith("learn verify: Unknown option: '--jsn'"), fixture.printed());
        assertTrue(fixture.printed().contains("usage: ./rosetta learn"), "the usage follows: " + fixture.printed());
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> fixture.learn("check", "demo/nope"));
        assertEquals("no exercise 'demo/nope'; there are: demo/adder, demo/weak", e.getMessage());
    }

    /** An exercise's name without its row is answered with the full id to type. */
    @Test
    void aNameWithoutItsRowSuggestsTheId(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);

        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> fixture.learn("check", "adder"));
        assertEquals("no exercise 'adder'; did you mean demo/adder? (an id starts with its row)", e.getMessage());
    }

    /** Without a terminal, plain `learn` prints the progress and the next exercise (the CI case). */
    @Test
    void withoutATerminalLearnPrintsTheProgress(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        Process learn = new ProcessBuilder(javaBin, "-Drosetta.root=" + fixture.root, "-cp",
                System.getProperty("java.class.path"), Learn.class.getName())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        String said = new String(learn.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(0, learn.waitFor(), said);
        assertTrue(said.startsWith("progress [------------------------------] 0/2"), said);
        assertTrue(said.contains("next: demo/adder — Add two numbers"), said);
    }

    /** Reset asks first, and with --yes puts the file back as committed and forgets the progress. */
    @Test
    void resetAsksThenRestoresTheCommittedFile(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);
        git(dir, "init", "-q");
        git(dir, "add", "-A");
        git(dir, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start");
        String original = Files.readString(fixture.stub("Adder.java"));
        Files.copy(fixture.solution("adder", "Adder.java"), fixture.stub("Adder.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(0, fixture.learn("check", "demo/adder"));

        var saidNo = new java.io.ByteArrayInputStream("n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var out = new java.io.ByteArrayOutputStream();
        int refused = new Learn(fixture.workbook, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                saidNo, false).run(java.util.List.of("reset", "demo/adder"));
        assertEquals(1, refused);
        assertTrue(out.toString(java.nio.charset.StandardCharsets.UTF_8).contains("not reset (--yes skips the question)"), out.toString());

        assertEquals(0, fixture.learn("reset", "demo/adder", "--yes"), fixture.printed());
        assertEquals(original, Files.readString(fixture.stub("Adder.java")));
        assertTrue(!Progress.load(fixture.root).passed("demo/adder"));
    }

    private static void git(Path dir, String... args) throws Exception {
        var command = new java.util.ArrayList<String>(java.util.List.of("git"));
        command.addAll(java.util.List.of(args));
        Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String said = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), said);
    }
}
