package dev.rosetta.coach;

import java.util.List;
import java.util.Map;

/**
 * One exercise of the workbook, as the manifest ({@code exercises/manifest.json}) describes it.
 *
 * @param id        {@code row/name}, e.g. {@code threading/racy-counter}; names its solution,
 *                  mistakes and hints directories
 * @param title     one line for lists and the coach's header
 * @param chapter   the docs chapter to read beside it, relative to the repository root
 * @param edit      the files the learner edits, relative to the workbook's {@code src/main/java}
 * @param tests     the test classes that judge it, by binary name
 * @param hints     hint files, least revealing first, relative to {@code exercises/}
 * @param mistakes  classic mistakes: name → one-line description (in the manifest either that line,
 *                  or {@code {"about": line, "says": phrase}})
 * @param forbidden APIs a solution may not use
 * @param equivalentMutants mutants of the reference solution that no test can kill because they
 *                  do not change what it does ({@code learn mutate}'s key → one line saying why)
 * @param unreachableMutants mutants of the reference solution that would change what it does, but
 *                  in code PIT cannot reach: code that runs in a worker process, which loads the
 *                  solution's classes from disk while the mutant exists only in PIT's JVM. They
 *                  are not proven harmless; the mistakes {@code learn verify} runs cover that code
 *                  ({@code learn mutate}'s key → one line saying what runs where)
 * @param mistakeSays for a mistake, a phrase its failure must contain: the proof that the tests
 *                  name the property this mistake breaks, not some other one (mistake → phrase)
 */
public record Exercise(String id, String title, String chapter, List<String> edit, List<String> tests,
                       List<String> hints, Map<String, String> mistakes, List<Forbidden> forbidden,
                       Map<String, String> equivalentMutants, Map<String, String> unreachableMutants,
                       Map<String, String> mistakeSays) {

    /** An exercise with no mutants listed and no expected phrases. */
    public Exercise(String id, String title, String chapter, List<String> edit, List<String> tests,
                    List<String> hints, Map<String, String> mistakes, List<Forbidden> forbidden) {
        this(id, title, chapter, edit, tests, hints, mistakes, forbidden, Map.of(), Map.of(), Map.of());
    }

    /**
     * An API this exercise asks the learner not to use.
     *
     * @param api     what to call it in a message ({@code java.util.concurrent.atomic})
     * @param matches words whose presence in the learner's code means the API is used
     * @param because why, in one line
     */
    public record Forbidden(String api, List<String> matches, String because) {
    }

    /** The binary names of the classes the learner edits (one per file in {@code edit}). */
    public List<String> editedClasses() {
        return edit.stream().map(e -> e.replaceFirst("\\.java$", "").replace('/', '.')).toList();
    }

    /** The row this exercise belongs to: the part of the id before the slash. */
    public String row() {
        return id.substring(0, id.indexOf('/'));
    }
}
