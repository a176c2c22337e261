package dev.rosetta.coach;

import dev.rosetta.trace.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workbook's table of contents: {@code exercises/manifest.json}, read and checked. Every
 * problem is reported with the exercise and field it concerns, so that adding an exercise
 * fails loudly and precisely rather than being skipped.
 *
 * <p>Thread-safety: immutable once loaded.
 */
public record Manifest(List<Exercise> exercises) {

    /** Reads and checks the manifest at {@code file}. */
    public static Manifest load(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses manifest text; an error names the exercise and the field at fault. */
    public static Manifest parse(String json) {
        Map<String, Object> root = Json.parseObject(json);
        var exercises = new ArrayList<Exercise>();
        var ids = new HashSet<String>();
        int index = 0;
        for (Object entry : list(root, "exercises", "the manifest")) {
            index++;
            String where = "exercise #" + index;
            if (!(entry instanceof Map<?, ?> fields)) {
                throw new IllegalArgumentException(where + " is not an object");
            }
            Exercise exercise = exercise(fields, where);
            if (!ids.add(exercise.id())) {
                throw new IllegalArgumentException(where + ": id '" + exercise.id() + "' appears twice");
            }
            exercises.add(exercise);
        }
        return new Manifest(List.copyOf(exercises));
    }

    private static Exercise exercise(Map<?, ?> fields, String where) {
        String id = string(fields, "id", where);
        if (!id.matches("[a-z]+/[a-z0-9-]+")) {
            throw new IllegalArgumentException(where + ": id '" + id + "' must look like row/name-in-kebab-case");
        }
        where = where + " (" + id + ")";
        var mistakes = new LinkedHashMap<String, String>();
        var says = new LinkedHashMap<String, String>();
        if (fields.get("mistakes") instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (e.getValue() instanceof Map<?, ?> mistake) {
                    mistakes.put(name, string(mistake, "about", where + ", mistake '" + name + "'"));
                    says.put(name, string(mistake, "says", where + ", mistake '" + name + "'"));
                } else {
                    mistakes.put(name, String.valueOf(e.getValue()));
                }
            }
        }
        var forbidden = new ArrayList<Exercise.Forbidden>();
        for (Object f : fields.containsKey("forbidden") ? list(fields, "forbidden", where) : List.of()) {
            if (!(f instanceof Map<?, ?> rule)) {
                throw new IllegalArgumentException(where + ": each 'forbidden' entry must be an object");
            }
            forbidden.add(new Exercise.Forbidden(string(rule, "api", where), strings(rule, "matches", where),
                    string(rule, "because", where)));
        }
        return new Exercise(id, string(fields, "title", where), string(fields, "chapter", where),
                strings(fields, "edit", where), strings(fields, "tests", where), strings(fields, "hints", where),
                Map.copyOf(mistakes), List.copyOf(forbidden),
                mutants(fields, "equivalent_mutants", "why no test can kill it", where),
                mutants(fields, "unreachable_mutants", "why PIT cannot reach it", where), Map.copyOf(says));
    }

    /** A listing of mutants, {@code learn mutate}'s key → one line of reason, in the manifest's order. */
    private static Map<String, String> mutants(Map<?, ?> fields, String key, String reason, String where) {
        var listed = new LinkedHashMap<String, String>();
        if (fields.get(key) instanceof Map<?, ?> m) {
            m.forEach((mutant, why) -> listed.put(String.valueOf(mutant), String.valueOf(why)));
        } else if (fields.containsKey(key)) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be an object: mutant -> " + reason);
        }
        return java.util.Collections.unmodifiableMap(listed);
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

    private static String string(Map<?, ?> fields, String key, String where) {
        if (fields.get(key) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException(where + ": '" + key + "' is missing or not a non-empty string");
    }

    private static List<?> list(Map<?, ?> fields, String key, String where) {
        if (fields.get(key) instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(where + ": '" + key + "' is missing or not a list");
    }

    private static List<String> strings(Map<?, ?> fields, String key, String where) {
        List<?> items = list(fields, key, where);
        if (items.isEmpty() && !key.equals("matches")) {
            throw new IllegalArgumentException(where + ": '" + key + "' is empty");
        }
        return items.stream().map(String::valueOf).toList();
    }
}
