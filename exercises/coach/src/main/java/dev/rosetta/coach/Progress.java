package dev.rosetta.coach;

import dev.rosetta.trace.JsonIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The learner's progress, kept across restarts in {@code .rosetta/progress.json} at the
 * repository root (git ignores it): which exercises passed, and how many hints of each were shown.
 *
 * <p>Thread-safety: not thread-safe; the coach uses it from one thread.
 */
public final class Progress {
    private final Path file;
    private final TreeSet<String> passed = new TreeSet<>();
    private final Map<String, Integer> hintsShown = new LinkedHashMap<>();

    /** The file: {@code {"passed": [ids, sorted], "hints": {id: how many shown}}}. */
    record Saved(List<String> passed, Map<String, Integer> hints) {
    }

    private Progress(Path file) {
        this.file = file;
    }

    /** Loads the progress of the workbook at {@code root}; empty if there is none yet. */
    public static Progress load(Path root) throws IOException {
        var progress = new Progress(root.resolve(".rosetta/progress.json"));
        if (Files.isRegularFile(progress.file)) {
            Saved saved = JsonIo.read(progress.file, Saved.class);
            if (saved.passed() != null) {
                progress.passed.addAll(saved.passed());
            }
            if (saved.hints() != null) {
                progress.hintsShown.putAll(saved.hints());
            }
        }
        return progress;
    }

    public boolean passed(String id) {
        return passed.contains(id);
    }

    public int hintsShown(String id) {
        return hintsShown.getOrDefault(id, 0);
    }

    public void markPassed(String id, boolean isPassed) throws IOException {
        if (isPassed ? passed.add(id) : passed.remove(id)) {
            save();
        }
    }

    public void showedHint(String id, int number) throws IOException {
        if (number > hintsShown(id)) {
            hintsShown.put(id, number);
            save();
        }
    }

    /** Forgets everything about one exercise. */
    public void reset(String id) throws IOException {
        passed.remove(id);
        hintsShown.remove(id);
        save();
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, JsonIo.pretty(new Saved(List.copyOf(passed), hintsShown)));
    }
}
