package dev.rosetta.coach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code exercises/PROPERTIES.md}, the properties each exercise's tests check, kept true: every
 * exercise it lists is in the manifest, every test it names exists among that exercise's tests,
 * and every test of a listed exercise is named under some property (a new test must say what it
 * checks). Exercises it does not list yet are left alone.
 */
class PropertiesTest {
    private static final Pattern HEADING = Pattern.compile("^## (\\S+)\\s*$");
    private static final Pattern PROPERTY = Pattern.compile("^- ([^:`]+?)(?: \\([^`]*\\))?: (.+)$");
    private static final Pattern NAMED = Pattern.compile("`(\\w+)\\.(\\w+)`");
    private static final Pattern TEST_METHOD = Pattern.compile(
            "@(?:Test|ParameterizedTest|RepeatedTest)\\b[^\\n]*\\n(?:\\s*@[^\\n]*\\n)*\\s*(?:public\\s+)?void\\s+(\\w+)\\(");

    @Test
    void everyListedTestExistsAndEveryTestOfAListedExerciseIsListed() throws IOException {
        Workbook workbook = Workbook.locate();
        Manifest manifest = workbook.manifest();
        Map<String, Set<String>> listed = read(workbook.exercises().resolve("PROPERTIES.md"));
        assertFalse(listed.isEmpty(), "PROPERTIES.md lists no exercise");
        var problems = new ArrayList<String>();
        for (var entry : listed.entrySet()) {
            String id = entry.getKey();
            if (manifest.exercises().stream().noneMatch(e -> e.id().equals(id))) {
                problems.add(id + ": not an exercise in the manifest");
                continue;
            }
            Set<String> tests = testMethods(workbook, manifest.get(id));
            for (String named : entry.getValue()) {
                if (!tests.contains(named)) {
                    problems.add(id + ": no test " + named + " (its tests are " + tests + ")");
                }
            }
            for (String test : tests) {
                if (!entry.getValue().contains(test)) {
                    problems.add(id + ": test " + test + " is not listed under any property: say what it checks");
                }
            }
        }
        assertEquals(List.of(), problems, "exercises/PROPERTIES.md is out of step with the tests");
    }

    @Test
    void everyExerciseOfTheFirstFiveRowsIsListed() throws IOException {
        Workbook workbook = Workbook.locate();
        Set<String> listed = read(workbook.exercises().resolve("PROPERTIES.md")).keySet();
        var missing = new TreeSet<String>();
        for (Exercise e : workbook.manifest().exercises()) {
            String row = e.id().substring(0, e.id().indexOf('/'));
            if (List.of("threading", "multiprocessing", "futures", "asyncio", "joblib").contains(row) && !listed.contains(e.id())) {
                missing.add(e.id());
            }
        }
        assertTrue(missing.isEmpty(), "exercises/PROPERTIES.md does not list " + missing);
    }

    /** Exercise id → the tests named under its properties ({@code Class.method}). */
    static Map<String, Set<String>> read(Path file) throws IOException {
        var listed = new LinkedHashMap<String, Set<String>>();
        Set<String> current = null;
        for (String line : Files.readAllLines(file)) {
            var heading = HEADING.matcher(line);
            if (heading.matches() && heading.group(1).contains("/")) {
                current = listed.computeIfAbsent(heading.group(1), k -> new LinkedHashSet<>());
                continue;
            }
            var property = PROPERTY.matcher(line);
            if (current != null && property.matches()) {
                var named = NAMED.matcher(property.group(2));
                while (named.find()) {
                    current.add(named.group(1) + "." + named.group(2));
                }
            }
        }
        return listed;
    }

    /** The test methods ({@code Class.method}) of an exercise's test classes, read from their sources. */
    private static Set<String> testMethods(Workbook workbook, Exercise exercise) throws IOException {
        var methods = new LinkedHashSet<String>();
        for (String test : exercise.tests()) {
            Path source = workbook.testSources().resolve(test.replace('.', '/') + ".java");
            String simpleName = test.substring(test.lastIndexOf('.') + 1);
            var m = TEST_METHOD.matcher(Files.readString(source));
            while (m.find()) {
                methods.add(simpleName + "." + m.group(1));
            }
        }
        return methods;
    }
}
