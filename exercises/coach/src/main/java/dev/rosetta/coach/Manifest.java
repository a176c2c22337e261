package dev.rosetta.coach;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rosetta.trace.JsonIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workbook's table of contents: {@code exercises/manifest.json}, read and checked. Jackson
 * reads the file into the records below, which mirror it key for key; a key they do not have (a
 * typo such as {@code "forbiden"}), a value of the wrong kind or broken JSON is reported with the
 * file, line and column. Then every exercise is checked, and each problem is reported with the
 * exercise and field it concerns, so that adding an exercise fails loudly and precisely rather
 * than being skipped.
 *
 * <p>Thread-safety: immutable once loaded.
 */
public record Manifest(List<Exercise> exercises) {

    /** The file as people write it: {@code {"about": "...", "exercises": [...]}}. */
    record Document(String about, List<Entry> exercises) {
    }

    /** One exercise as the file has it; {@link #exercise} checks it and turns it into an {@link Exercise}. */
    record Entry(String id, String title, String chapter, List<String> edit, List<String> tests, List<String> hints,
                 Map<String, Mistake> mistakes, List<Exercise.Forbidden> forbidden,
                 @JsonProperty("equivalent_mutants") Map<String, String> equivalentMutants,
                 @JsonProperty("unreachable_mutants") Map<String, String> unreachableMutants) {
    }

    /**
     * A classic mistake: either one line ({@code "plain-increment": "count = count + 1 with no lock"})
     * or {@code {"about": line, "says": phrase}}, where its failure must contain the phrase.
     */
    record Mistake(@JsonProperty(required = true) String about, @JsonProperty(required = true) String says) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Mistake line(String about) {
            return new Mistake(about, null);
        }
    }

    /** Reads and checks the manifest at {@code file}; an error starts with the file's path. */
    public static Manifest load(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses manifest text; an error names the line and column, or the exercise and the field at fault. */
    public static Manifest parse(String json) {
        Document document = JsonIo.parse(json, Document.class);
        if (document.exercises() == null) {
            throw new IllegalArgumentException("the manifest: 'exercises' is missing or not a list");
        }
        var exercises = new ArrayList<Exercise>();
        var ids = new HashSet<String>();
        int index = 0;
        for (Entry entry : document.exercises()) {
            index++;
            String where = "exercise #" + index;
            if (entry == null) {
                throw new IllegalArgumentException(where + " is not an object");
            }
            Exercise exercise = exercise(entry, where);
            if (!ids.add(exercise.id())) {
                throw new IllegalArgumentException(where + ": id '" + exercise.id() + "' appears twice");
            }
            exercises.add(exercise);
        }
        return new Manifest(List.copyOf(exercises));
    }

    private static Exercise exercise(Entry entry, String where) {
        String id = string(entry.id(), "id", where);
        if (!id.matches("[a-z]+/[a-z0-9-]+")) {
            throw new IllegalArgumentException(where + ": id '" + id + "' must look like row/name-in-kebab-case");
        }
        String at = where + " (" + id + ")";
        var mistakes = new LinkedHashMap<String, String>();
        var says = new LinkedHashMap<String, String>();
        orEmpty(entry.mistakes()).forEach((name, mistake) -> {
            String about = at + ", mistake '" + name + "'";
            if (mistake == null) {
                throw new IllegalArgumentException(about + " is null: give it one line, or {\"about\": ..., \"says\": ...}");
            }
            mistakes.put(name, string(mistake.about(), "about", about));
            if (mistake.says() != null) {
                says.put(name, string(mistake.says(), "says", about));
            }
        });
        var forbidden = new ArrayList<Exercise.Forbidden>();
        for (Exercise.Forbidden rule : entry.forbidden() == null ? List.<Exercise.Forbidden>of() : entry.forbidden()) {
            if (rule == null) {
                throw new IllegalArgumentException(at + ": each 'forbidden' entry must be an object");
            }
            forbidden.add(new Exercise.Forbidden(string(rule.api(), "api", at), strings(rule.matches(), "matches", at),
                    string(rule.because(), "because", at)));
        }
        return new Exercise(id, string(entry.title(), "title", at), string(entry.chapter(), "chapter", at),
                strings(entry.edit(), "edit", at), strings(entry.tests(), "tests", at),
                strings(entry.hints(), "hints", at), Map.copyOf(mistakes), List.copyOf(forbidden),
                listing(entry.equivalentMutants()), listing(entry.unreachableMutants()), Map.copyOf(says));
    }

    /** A listing of mutants, {@code learn mutate}'s key → one line of reason, in the manifest's order. */
    private static Map<String, String> listing(Map<String, String> listed) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(orEmpty(listed)));
    }

    /** The exercise with this id. */
    public Optional<Exercise> find(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /**
     * The exercise with this id, or an error that suggests the full id when {@code id} is only its
     * name ({@code racy-counter} for {@code threading/racy-counter}), and lists the ids otherwise.
     */
    public Exercise get(String id) {
        return find(id).orElseThrow(() -> {
            List<String> named = exercises.stream().map(Exercise::id).filter(e -> e.endsWith("/" + id)).toList();
            if (!named.isEmpty()) {
                return new IllegalArgumentException("no exercise '" + id + "'; did you mean " + String.join(" or ", named)
                        + "? (an id starts with its row)");
            }
            return new IllegalArgumentException("no exercise '" + id + "'; there are: "
                    + String.join(", ", exercises.stream().map(Exercise::id).toList()));
        });
    }

    private static String string(String value, String key, String where) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        throw new IllegalArgumentException(where + ": '" + key + "' is missing or not a non-empty string");
    }

    private static List<String> strings(List<String> items, String key, String where) {
        if (items == null) {
            throw new IllegalArgumentException(where + ": '" + key + "' is missing or not a list");
        }
        if (items.contains(null)) {
            throw new IllegalArgumentException(where + ": '" + key + "' has a null in it");
        }
        if (items.isEmpty() && !key.equals("matches")) {
            throw new IllegalArgumentException(where + ": '" + key + "' is empty");
        }
        return List.copyOf(items);
    }

    private static <V> Map<String, V> orEmpty(Map<String, V> map) {
        return map == null ? Map.of() : map;
    }
}
