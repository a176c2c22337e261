package dev.rosetta.coach;

import java.nio.file.Path;
import java.util.List;

/**
 * One version of an exercise's code to run the exercise's tests against.
 *
 * @param exercise   the exercise id
 * @param kind       which version this is
 * @param name       the mistake's name, or the kind's name
 * @param classDirs  compiled classes, searched in order: this version's, then the tests', then the stubs'
 * @param tests      the test classes to run
 */
public record Variant(String exercise, Kind kind, String name, List<Path> classDirs, List<String> tests) {

    /** The three kinds of version the exercise contract names. */
    public enum Kind {
        /** The reference solution: every test must pass. */
        SOLUTION,
        /** What the learner edits: before any edit, some test must fail. */
        STUB,
        /** A classic mistake: some test must fail, or the tests are too weak. */
        MISTAKE
    }

    /** "solution", "stub" or "mistake 'name'", for messages. */
    public String label() {
        return kind == Kind.MISTAKE ? "mistake '" + name + "'" : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
