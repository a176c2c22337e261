package dev.rosetta.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonIoTest {

    record Point(String name, List<Integer> at) {
    }

    /** Records, maps (in their order) and lists survive a round trip, strings with escapes included. */
    @Test
    void roundTripsRecordsAndMaps() {
        var point = new Point("tab\there \"quoted\" back\\slash\nnew line \u0001", List.of(1, 2));
        assertEquals(point, JsonIo.parse(JsonIo.compact(point), Point.class));
        assertEquals(point, JsonIo.parse(JsonIo.pretty(point), Point.class));

        var ordered = new LinkedHashMap<String, Object>();
        ordered.put("b", 1);
        ordered.put("a", null);
        assertEquals("{\"b\":1,\"a\":null}", JsonIo.compact(ordered));
    }

    /** The pretty shape people read and diff: two spaces, "key": value, one item per line, [] and {} when empty. */
    @Test
    void prettyKeepsTheHandWrittenShape() {
        var value = new LinkedHashMap<String, Object>();
        value.put("list", List.of(1, 2.5));
        value.put("empty", List.of());
        value.put("nested", Map.of());
        value.put("yes", true);
        assertEquals("""
                {
                  "list": [
                    1,
                    2.5
                  ],
                  "empty": [],
                  "nested": {},
                  "yes": true
                }
                """, JsonIo.pretty(value));
    }

    /** NaN and infinity, which JSON cannot say, are written as null, never as a string. */
    @Test
    void nonFiniteNumbersAreNull() {
        var value = new LinkedHashMap<String, Object>();
        value.put("nan", Double.NaN);
        value.put("inf", Float.POSITIVE_INFINITY);
        value.put("ok", 0.25);
        assertEquals("{\"nan\":null,\"inf\":null,\"ok\":0.25}", JsonIo.compact(value));
    }

    /** Broken syntax is named by line and column, and what was expected there. */
    @Test
    void malformedTextNamesLineAndColumn() {
        var e = assertThrows(IllegalArgumentException.class, () -> JsonIo.parse("{\n  \"a\": [1, 2,]\n}", JsonNode.class));
        assertEquals("line 2, column 14: malformed JSON: Unexpected character (']'): expected a valid value"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", e.getMessage());
        var trailing = assertThrows(IllegalArgumentException.class, () -> JsonIo.parse("{} x", JsonNode.class));
        assertTrue(trailing.getMessage().startsWith("line 1, column 4: "), trailing.getMessage());
        var unclosed = assertThrows(IllegalArgumentException.class, () -> JsonIo.parse("[1,\n 2", JsonNode.class));
        assertEquals("line 2, column 3: malformed JSON: Unexpected end-of-input: expected close marker for Array"
                + " (start marker at line 1, column 1)", unclosed.getMessage());
    }

    /** An empty text, or a bare null, is not a value of the type asked for. */
    @Test
    void nothingIsNotAValue() {
        var empty = assertThrows(IllegalArgumentException.class, () -> JsonIo.parse(" ", Point.class));
        assertEquals("line 1, column 0: there is nothing in it: expected a JSON value", empty.getMessage());
        var nothing = assertThrows(IllegalArgumentException.class, () -> JsonIo.parse("null", Point.class));
        assertEquals("expected an object (a JSON object {...}), found null", nothing.getMessage());
    }

    /** A value of the wrong kind is named by its path in the document, and what was expected instead. */
    @Test
    void aWrongKindOfValueNamesItsPath() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> JsonIo.parse("{\"name\": \"p\",\n \"at\": \"here\"}", Point.class));
        assertEquals("line 2, column 8, at at: expected a list (a JSON array [...]), found a string", e.getMessage());
    }

    /** A key that the record does not have is refused, with the keys it does have. */
    @Test
    void anUnknownKeyListsTheKnownOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("point.json");
        Files.writeString(file, "[{\"name\": \"p\", \"at\": [], \"nmae\": 1}]");
        var e = assertThrows(IllegalArgumentException.class, () -> JsonIo.read(file, Point[].class));
        assertEquals(file + ": line 1, column 35, at [0].nmae: unknown key 'nmae'; the keys there are 'at', 'name'",
                e.getMessage());
    }
}
