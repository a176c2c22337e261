package dev.rosetta.coach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

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
}
