package dev.rosetta.coach;

import dev.rosetta.common.Words;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where everything of the workbook lives on disk, by the conventions of the manifest:
 * stubs in {@code exercises/workbook/src/main/java}, tests in {@code src/test/java}, the
 * reference solution of exercise ID in {@code src/solution/ID/}, its mistake NAME in
 * {@code src/mistakes/ID/NAME/}, hints under {@code exercises/}, and the coach's own compiled
 * output under {@code exercises/workbook/target/coach/}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param root the repository root (the directory holding {@code exercises/manifest.json})
 */
public record Workbook(Path root) {

    /**
     * Finds the repository root: {@code -Drosetta.root} if set, else the nearest directory at or
     * above the working directory that holds {@code exercises/manifest.json}.
     */
    public static Workbook locate() {
        String configured = System.getProperty("rosetta.root");
        Path start = Path.of(configured != null ? configured : "").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("exercises/manifest.json"))) {
                return new Workbook(p);
            }
        }
        throw new IllegalStateException("cannot find exercises/manifest.json at or above " + start
                + ": run from inside the Parallel Rosetta repository, or pass -Drosetta.root=PATH");
    }

    public Path exercises() {
        return root.resolve("exercises");
    }

    public Path manifestFile() {
        return exercises().resolve("manifest.json");
    }

    public Manifest manifest() throws IOException {
        return Manifest.load(manifestFile());
    }

    /** The learner's sources: the stubs. */
    public Path stubSources() {
        return exercises().resolve("workbook/src/main/java");
    }

    public Path testSources() {
        return exercises().resolve("workbook/src/test/java");
    }

    public Path solutionSources(Exercise exercise) {
        return exercises().resolve("workbook/src/solution").resolve(exercise.id());
    }

    public Path mistakeSources(Exercise exercise, String mistake) {
        return exercises().resolve("workbook/src/mistakes").resolve(exercise.id()).resolve(mistake);
    }

    /** The file the learner edits, as a path from the repository root (for messages). */
    public Path stubFile(String edit) {
        return stubSources().resolve(edit);
    }

    public Path hint(String hint) {
        return exercises().resolve(hint);
    }

    /**
     * A hint in {@code language}: {@code hints/ID/ko/2.md} beside {@code hints/ID/2.md} when it
     * exists, else the English one.
     */
    public Path hint(String hint, String language) {
        Path english = hint(hint);
        Path translated = english.resolveSibling(language).resolve(english.getFileName());
        return Files.isRegularFile(translated) ? translated : english;
    }

    /** An exercise's title in {@code language}: {@code hints/ID/ko/title.md} when it exists, else the manifest's. */
    public String title(Exercise exercise, String language) throws IOException {
        if (exercise.hints().isEmpty()) {
            return exercise.title();
        }
        Path translated = hint(exercise.hints().getFirst()).resolveSibling(language).resolve("title.md");
        return Files.isRegularFile(translated) ? Files.readString(translated).strip() : exercise.title();
    }

    /** The coach's words in {@code language}: {@code dev/rosetta/coach/words.properties} and its translations. */
    public static Words words(String language) {
        return Words.of("dev.rosetta.coach.words", language);
    }

    /** A scratch directory for compiled classes, under the workbook's {@code target/}. */
    public Path build(String name) {
        return exercises().resolve("workbook/target/coach").resolve(name);
    }

    /** A path relative to the root, for messages a learner can click. */
    public String show(Path path) {
        return root.relativize(path.toAbsolutePath()).toString();
    }

    /** Every {@code .java} file under {@code dir}, sorted. */
    public static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
