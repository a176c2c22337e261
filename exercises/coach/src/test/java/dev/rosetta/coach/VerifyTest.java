package dev.rosetta.coach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rosetta.trace.JsonIo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyTest {

    /**
     * A sound exercise gets three good verdicts even when a mistake hangs its JVM for good; a
     * mistake the tests let through makes verify fail and says which and why. (One JVM at a time,
     * so that the JVMs started are countable; the other tests run the default two at once.)
     */
    @Test
    void judgesEveryVariantAndNamesTheWeakTest(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);
        Path json = dir.resolve("verify.json");

        int code = fixture.learn("verify", "--jobs", "1", "--json", json.toString());

        String out = fixture.printed();
        assertEquals(1, code, out);
        assertTrue(out.matches("(?s).*demo/adder\\s+solution passed\\s+stub failed\\s+mistakes caught 2/2.*"), out);
        assertTrue(out.matches("(?s).*demo/weak\\s+solution passed\\s+stub failed\\s+mistakes caught 0/1.*"), out);
        assertTrue(out.contains("✗ mistake 'off-by-one' (doubles, but wrong for negative numbers) passes every test"), out);
        assertTrue(out.contains("2 exercise(s), 7 variant(s), 2 test JVM(s) (1 at once)"),
                "the spinning mistake leaves its JVM unusable, so a second one finishes the batch:\n" + out);

        JsonNode adder = JsonIo.read(json, JsonNode.class).get("exercises").get(0);
        assertEquals("demo/adder", adder.get("id").textValue());
        assertTrue(adder.get("solution_passed").booleanValue());
        assertTrue(adder.get("stub_failed").booleanValue());
        assertEquals("{\"spins-forever\":true,\"subtracts\":true}", adder.get("mistakes").toString());
        assertTrue(adder.get("mistake_messages").get("subtracts").textValue().contains("failed: "), adder.toString());
        assertFalse(adder.has("problems"), "a sound exercise has no problems member: " + adder);
        JsonNode weak = JsonIo.read(json, JsonNode.class).get("exercises").get(1);
        assertTrue(weak.get("problems").get(0).textValue().contains("mistake 'off-by-one'"), weak.toString());
    }

    /**
     * A mistake may name the phrase its failure must contain: caught for its own reason, it
     * counts; failing for another reason (here a time-out instead of a wrong sum) is a problem.
     */
    @Test
    void aMistakeMustFailForItsOwnReason(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);
        Path manifest = dir.resolve("exercises/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace(
                "\"mistakes\": {\"subtracts\": \"a - b\", \"spins-forever\": \"never returns, ignoring interrupts\"}",
                "\"mistakes\": {\"subtracts\": {\"about\": \"a - b\", \"says\": \"2 + 3 should be 5\"},"
                        + " \"spins-forever\": {\"about\": \"never returns\", \"says\": \"should be 5\"}}"));

        int code = fixture.learn("verify", "demo/adder");

        String out = fixture.printed();
        assertEquals(1, code, out);
        assertTrue(out.contains("mistakes caught 1/2"), out);
        assertTrue(out.contains("✗ mistake 'spins-forever' (never returns) fails, but not for its own reason:"
                + " no failure says \"should be 5\"; the first says: "), out);
        assertTrue(!out.contains("mistake 'subtracts'"), out);
    }

    /** A solution that breaks its exercise's forbidden-API rule is not a passing solution. */
    @Test
    void aSolutionMustKeepTheRules(@TempDir Path dir) throws Exception {
        var fixture = new FixtureWorkbook(dir);
        Files.writeString(fixture.solution("adder", "Adder.java"), """
                package dev.rosetta.exercises.demo;
                public class Adder {
                    public int add(int a, int b) {
                        return Math.addExact(a, b);
                    }
                }
                """);

        int code = fixture.learn("verify", "demo/adder");

        String out = fixture.printed();
        assertEquals(1, code, out);
        assertTrue(out.contains("solution FAILED"), out);
        assertTrue(out.contains("the solution breaks its own rule: this exercise asks you not to use Math.addExact"
                + " (use +); Adder.java line 4 uses java.lang.Math.addExact"), out);
    }
}
