package dev.rosetta.coach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.trace.JsonIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code learn mutate} on the fixture workbook, with a real PIT run. */
@TimeLimit(seconds = 240)
class MutateTest {

    /**
     * A solution whose tests reach every line scores 100 %; one with a branch its tests never
     * take scores below the bar, each survivor printed by the key the manifest lists it under.
     * A listed equivalent mutant counts neither way; a listing that matches no survivor is
     * reported as stale and fails the run. (One PIT run per exercise, two at once.)
     */
    @Test
    void scoresEachSolutionAndKeepsTheEquivalentListHonest(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);
        Files.writeString(fixture.solution("weak", "Doubler.java"), """
                package dev.rosetta.exercises.demo;
                public class Doubler {
                    public int twice(int x) {
                        if (x < 0) {
                            return -(2 * -x);
                        }
                        return 2 * x;
                    }
                }
                """);
        Path manifest = dir.resolve("exercises/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace(
                "\"mistakes\": {\"off-by-one\": \"doubles, but wrong for negative numbers\"}",
                "\"mistakes\": {\"off-by-one\": \"doubles, but wrong for negative numbers\"}, \"equivalent_mutants\": "
                        + JsonIo.compact(Map.of("Doubler.twice:4 negated conditional", "listed for the test",
                        "Doubler.twice:99 a mutant that does not exist", "stale on purpose"))));
        Path json = dir.resolve("mutate.json");

        int code = fixture.learn("mutate", "--jobs", "2", "--json", json.toString());

        String out = fixture.printed();
        assertEquals(1, code, out);
        assertTrue(out.matches("(?s).*demo/adder\\s+100%.*"), "every mutant of a + b is caught by 2 + 3 = 5:\n" + out);
        assertTrue(out.contains("survived: Doubler.twice:4 changed conditional boundary"),
                "with only x = 2 tested, x <= 0 instead of x < 0 changes nothing the tests see:\n" + out);
        assertTrue(out.matches("(?s).*demo/weak\\s+\\d+%\\s+mutants\\s+\\d+\\s+killed\\s+\\d+\\s+equivalent\\s+1\\s.*"),
                "the listed negated conditional counts as equivalent:\n" + out);
        assertTrue(out.contains("listed, but not seen surviving: Doubler.twice:99 a mutant that does not exist"), out);
        JsonNode report = JsonIo.read(json, JsonNode.class);
        assertEquals(Mutate.MINIMUM_SCORE, report.get("minimum_percent").intValue());
        JsonNode weak = report.get("exercises").get(1);
        assertEquals("[\"Doubler.twice:4 negated conditional\"]", weak.get("equivalent").toString(), out);
        assertFalse(weak.get("survived").toString().contains("Doubler.twice:4 negated conditional"), out);
        assertTrue(weak.get("percent").doubleValue() < Mutate.MINIMUM_SCORE, out);
        assertEquals("[\"Doubler.twice:99 a mutant that does not exist\"]", weak.get("stale_equivalent").toString(), out);
    }

    /**
     * Code that runs in a worker process is out of PIT's reach: such survivors are listed apart,
     * count neither way, and are reported apart from the equivalent ones; a listing that no
     * longer matches a survivor goes stale whichever list it is in.
     */
    @Test
    @TimeLimit(seconds = 10)
    void unreachableMutantsAreListedApartFromEquivalentOnes() {
        var exercise = new Exercise("demo/worker", "t", "docs/demo.md", List.of("demo/Work.java"), List.of("demo.WorkTest"),
                List.of(), Map.of(), List.of(), Map.of("Work.a:1 same program", "why"),
                Map.of("Work.b:2 runs in a worker", "why", "Work.c:3 gone", "why"), Map.of());
        var mutants = List.of(
                new Mutate.Mutant("Work.a:1 same program", "SURVIVED", null),
                new Mutate.Mutant("Work.b:2 runs in a worker", "SURVIVED", null),
                new Mutate.Mutant("Work.d:4 caught", "KILLED", "WorkTest.d"),
                new Mutate.Mutant("Work.e:5 missed", "SURVIVED", null));
        var slowOnABusyMachine = new Exercise("demo/worker", "t", "docs/demo.md", List.of("demo/Work.java"),
                List.of("demo.WorkTest"), List.of(), Map.of(), List.of(), Map.of("Work.a:1 same program", "why"),
                Map.of(), Map.of());
        var timedOut = Mutate.judge(slowOnABusyMachine, List.of(new Mutate.Mutant("Work.a:1 same program", "TIMED_OUT", null)));
        assertEquals(List.of(), timedOut.stale(), "a listed mutant that only timed out stays listed");
        var killed = Mutate.judge(slowOnABusyMachine, List.of(new Mutate.Mutant("Work.a:1 same program", "KILLED", "WorkTest.a")));
        assertEquals(List.of("Work.a:1 same program"), killed.stale(), "a listed mutant a test now fails on goes stale");

        var score = Mutate.judge(exercise, mutants);

        assertEquals(List.of("Work.a:1 same program"), score.equivalent().stream().map(Mutate.Mutant::key).toList());
        assertEquals(List.of("Work.b:2 runs in a worker"), score.unreachable().stream().map(Mutate.Mutant::key).toList());
        assertEquals(List.of("Work.e:5 missed"), score.survivors().stream().map(Mutate.Mutant::key).toList());
        assertEquals(List.of("Work.c:3 gone"), score.stale());
        assertEquals(50.0, score.percent(), 1e-9, "1 killed of the 2 mutants that count");
        assertFalse(score.passes(Mutate.MINIMUM_SCORE));
    }
}
