package dev.rosetta.coach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    /** The repository's own manifest loads, and every exercise's chapter and hints exist. */
    @Test
    void theRealManifestIsComplete() throws IOException {
        Workbook workbook = Workbook.locate();
        for (Exercise e : workbook.manifest().exercises()) {
            for (String hint : e.hints()) {
                assertEquals(true, java.nio.file.Files.isRegularFile(workbook.hint(hint)), e.id() + ": no hint file " + hint);
            }
            for (String edit : e.edit()) {
                assertEquals(true, java.nio.file.Files.isRegularFile(workbook.stubFile(edit)), e.id() + ": no stub " + edit);
            }
        }
    }

    /** A learner who types an exercise's name without its row is told the id: racy-counter is threading/racy-counter. */
    @Test
    void aNameWithoutItsRowSuggestsTheId() throws IOException {
        var e = assertThrows(IllegalArgumentException.class, () -> Workbook.locate().manifest().get("racy-counter"));
        assertEquals("no exercise 'racy-counter'; did you mean threading/racy-counter? (an id starts with its row)", e.getMessage());
    }

    /** A missing field is named with its exercise. */
    @Test
    void aMissingFieldIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Manifest.parse("""
                {"exercises": [{"id": "threading/x", "title": "t", "chapter": "c", "edit": ["A.java"], "hints": ["h"]}]}
                """));
        assertEquals("exercise #1 (threading/x): 'tests' is missing or not a list", e.getMessage());
    }

    /** Ids are row/kebab-case and unique. */
    @Test
    void idsAreCheckedAndUnique() {
        var bad = assertThrows(IllegalArgumentException.class,
                () -> Manifest.parse("{\"exercises\": [{\"id\": \"Racy Counter\"}]}"));
        assertEquals("exercise #1: id 'Racy Counter' must look like row/name-in-kebab-case", bad.getMessage());

        String one = "{\"id\": \"a/b\", \"title\": \"t\", \"chapter\": \"c\", \"edit\": [\"A.java\"], \"tests\": [\"T\"], \"hints\": [\"h\"]}";
        var twice = assertThrows(IllegalArgumentException.class,
                () -> Manifest.parse("{\"exercises\": [" + one + "," + one + "]}"));
        assertEquals("exercise #2: id 'a/b' appears twice", twice.getMessage());
    }

    /** Broken JSON in the hand-edited file is named by file, line and column, and what was expected there. */
    @Test
    void malformedJsonNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, """
                {
                  "exercises": [
                    {"id": "a/b", "title": "t",}
                  ]
                }
                """);
        var e = assertThrows(IllegalArgumentException.class, () -> Manifest.load(file));
        assertEquals(file + ": line 3, column 32, at exercises[0]: malformed JSON: Unexpected character ('}'): was expecting"
                + " double-quote to start field name", e.getMessage());
    }

    /** A value of the wrong kind is named by where it sits, what was expected and what was found. */
    @Test
    void aValueOfTheWrongKindIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> Manifest.parse("""
                {"exercises": [
                  {"id": "a/b", "edit": "A.java"}
                ]}
                """));
        assertEquals("line 2, column 25, at exercises[0].edit: expected a list (a JSON array [...]), found a string",
                e.getMessage());
    }

    /** A misspelt key is refused rather than ignored (a rule under "forbiden" would silently not apply). */
    @Test
    void aMisspeltKeyIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Manifest.parse("""
                {"exercises": [{"id": "a/b", "forbiden": []}]}
                """));
        assertTrue(e.getMessage().startsWith("line 1, column 45, at exercises[0].forbiden: unknown key 'forbiden';"
                + " the keys there are 'chapter', 'edit', 'equivalent_mutants', 'forbidden', 'hints', "), e.getMessage());
    }

    /** A mistake is one line, or {"about", "says"}; the second form needs both. */
    @Test
    void aMistakeIsALineOrAboutAndSays() {
        String fields = "\"id\": \"a/b\", \"title\": \"t\", \"chapter\": \"c\", \"edit\": [\"A.java\"],"
                + " \"tests\": [\"T\"], \"hints\": [\"h\"]";
        Exercise exercise = Manifest.parse("{\"exercises\": [{" + fields + ", \"mistakes\": {\"line\": \"one line\","
                + " \"both\": {\"about\": \"described\", \"says\": \"a phrase\"}}}]}").exercises().getFirst();
        assertEquals(Map.of("line", "one line", "both", "described"), exercise.mistakes());
        assertEquals(Map.of("both", "a phrase"), exercise.mistakeSays());

        var e = assertThrows(IllegalArgumentException.class, () -> Manifest.parse("{\"exercises\": [{" + fields
                + ", \"mistakes\": {\"half\": {\"about\": \"no phrase\"}}}]}"));
        assertEquals("line 1, column 154, at exercises[0].mistakes.half.says: the key 'says' is missing", e.getMessage());
    }
}
