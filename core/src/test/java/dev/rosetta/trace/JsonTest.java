package dev.rosetta.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    /** Objects, arrays, strings with escapes, numbers, booleans and null survive a round trip. */
    @Test
    void roundTrips() {
        var value = new LinkedHashMap<String, Object>();
        value.put("name", "tab\there \"quoted\" back\\slash\nnew line \u0001");
        value.put("list", List.of(1, 2.5, true, false));
        value.put("nothing", null);
        value.put("nested", Map.of("k", List.of()));

        Object back = Json.parse(Json.write(value));

        assertEquals(Map.of("name", value.get("name"), "list",
                        List.of(new BigDecimal("1"), new BigDecimal("2.5"), true, false),
                        "nested", Map.of("k", List.of())),
                withoutNulls((Map<?, ?>) back));
        assertEquals(true, ((Map<?, ?>) back).containsKey("nothing"));
        assertEquals(Json.parse(Json.write(value)), Json.parse(Json.pretty(value)));
    }

    /** Keys keep their order, and NaN (which JSON cannot say) is written as null. */
    @Test
    void keepsOrderAndWritesNanAsNull() {
        var value = new LinkedHashMap<String, Object>();
        value.put("b", Double.NaN);
        value.put("a", 1);
        assertEquals("{\"b\":null,\"a\":1}", Json.write(value));
    }

    /** Malformed input fails with the offset and what was expected there. */
    @Test
    void malformedInputNamesTheOffset() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2,]}"));
        assertEquals("malformed JSON at offset 12: expected a value, found ']'", e.getMessage());
        var trailing = assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
        assertEquals("malformed JSON at offset 3: expected end of input, found 'x'", trailing.getMessage());
        var notAnObject = assertThrows(IllegalArgumentException.class, () -> Json.parseObject("[1]"));
        assertEquals("expected a JSON object ({...}) at the top level", notAnObject.getMessage());
    }

    /** Something that is not a JSON value is refused by its type. */
    @Test
    void refusesOtherTypes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", new int[] {1})));
        assertEquals("cannot write a [I as JSON: use a Map, List, String, Number or Boolean", e.getMessage());
        assertEquals("[1,2]", Json.write(Arrays.asList(1, 2)));
    }

    private static Map<?, ?> withoutNulls(Map<?, ?> map) {
        var copy = new LinkedHashMap<Object, Object>(map);
        copy.values().removeIf(v -> v == null);
        return copy;
    }
}
