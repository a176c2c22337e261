package dev.rosetta.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a learner reads keeps the promises of docs/chapter-template.md: every chapter has the
 * template's sections in its order; every "Run it" runs mains with {@code ./rosetta example}
 * (a bare {@code java} may be the wrong JDK); and no learner-facing text (the docs, the READMEs,
 * the hints) speaks of this project's issues or of its own progress.
 */
class LearnerDocsTest {
    /** Files in docs/ that are not chapters. */
    private static final Set<String> NOT_CHAPTERS = Set.of("README.md", "chapter-template.md", "testing.md");
    /** Our own issue numbers: "#12", "issue 12", "issue #12". Another tracker's, written joblib#12 or bpo-12, is fine. */
    private static final Pattern ISSUE = Pattern.compile("(?i)(?<![\\w/\\[])#\\d+\\b|\\bissues? #?\\d+");
    /** Lines that speak of the project's progress, not of the subject. */
    private static final Pattern STATUS = Pattern.compile(
            "(?i)not built yet|not yet built|open issue|coming soon|work in progress|(?-i:\\bTODO\\b|\\bFIXME\\b)");
    private static final Pattern SECTION = Pattern.compile("^## (.+)$");

    private final Path root = MarkdownLinksTest.repositoryRoot();

    /** Each chapter has exactly the template's sections ("## ..."), in the template's order. */
    @Test
    void everyChapterFollowsTheTemplatesSectionOrder() throws IOException {
        List<String> template = sections(Files.readAllLines(root.resolve("docs/chapter-template.md")), true);
        assertTrue(template.size() >= 5, "the template's sections were not found in its code block: " + template);
        var wrong = new ArrayList<String>();
        List<Path> chapters = chapters();
        for (Path chapter : chapters) {
            List<String> has = sections(Files.readAllLines(chapter), false);
            if (!has.equals(template)) {
                wrong.add(root.relativize(chapter) + " has " + has);
            }
        }
        assertTrue(chapters.size() >= 5, "no chapters found in docs/: " + chapters);
        assertTrue(wrong.isEmpty(), "a chapter's sections must be the template's, in its order: " + template
                + " (docs/chapter-template.md; add ### subsections freely):\n  " + String.join("\n  ", wrong));
    }

    /** Every "Run it" runs its mains with ./rosetta example, never with a bare java (the default here is 17). */
    @Test
    void everyRunItUsesTheLauncher() throws IOException {
        var wrong = new ArrayList<String>();
        for (Path chapter : chapters()) {
            List<String> runIt = section(Files.readAllLines(chapter), "Run it");
            String name = root.relativize(chapter).toString();
            if (runIt.stream().noneMatch(l -> l.contains("./rosetta example "))) {
                wrong.add(name + ": no ./rosetta example command in Run it");
            }
            for (String line : runIt) {
                if (line.matches("(?i)^\\s*(\\$\\w+|java|\\S*/bin/java)\\s+-.*") || line.matches(".*`(java|\\$J) -.*")
                        || line.contains("mvnw") && line.contains("install")) {
                    wrong.add(name + ": " + line.strip());
                }
            }
        }
        assertTrue(wrong.isEmpty(), "run the examples with ./rosetta example ROW MAIN [ARGS]: it builds what is stale"
                + " and starts the JDK 25 the build selected (a bare java may be 17; ./mvnw install breaks other"
                + " checkouts' builds):\n  " + String.join("\n  ", wrong));
    }

    /** No learner-facing file names this project's issues or says what is not done yet. */
    @Test
    void learnerFacingTextHasNoIssueNumbersNorProjectStatus() throws IOException {
        var found = new ArrayList<String>();
        int files = 0;
        for (Path file : learnerFacing()) {
            files++;
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).replaceAll("\\]\\([^)]*\\)", "]").replaceAll("https?://\\S+", "");
                for (Pattern p : List.of(ISSUE, STATUS)) {
                    Matcher m = p.matcher(line);
                    if (m.find()) {
                        found.add(root.relativize(file) + " line " + (i + 1) + ": '" + m.group() + "' in: " + lines.get(i).strip());
                    }
                }
            }
        }
        assertTrue(files > 10, "too few learner-facing files found (" + files + "): is the root right?");
        assertTrue(found.isEmpty(), "learner-facing text speaks of the subject, not of this project's issues or"
                + " progress (say what is, or leave it out):\n  " + String.join("\n  ", found));
    }

    /** The checks themselves catch what they are for. */
    @Test
    void theChecksCatchWhatTheyAreFor() {
        for (String bad : List.of("fixed in #12", "see issue 12", "issue #4's figures", "dask: not built yet", "TODO: write")) {
            assertTrue(ISSUE.matcher(bad).find() || STATUS.matcher(bad).find(), bad);
        }
        for (String fine : List.of("joblib#1105", "bpo-7946", "[#42]", "a todo list", "the issue of fairness",
                "Run it (#run-it)")) {
            assertTrue(!ISSUE.matcher(fine).find() && !STATUS.matcher(fine).find(), fine);
        }
        assertEquals(List.of("A", "B"), sections(List.of("# t", "## A", "### a", "```", "## not a section", "```", "## B"), false));
    }

    private List<Path> chapters() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            return files.filter(f -> f.toString().endsWith(".md"))
                    .filter(f -> !NOT_CHAPTERS.contains(f.getFileName().toString()))
                    .sorted().toList();
        }
    }

    private List<Path> learnerFacing() throws IOException {
        var files = new ArrayList<Path>();
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).forEach(files::add);
        }
        files.add(root.resolve("README.md"));
        files.add(root.resolve("README.ko.md"));
        files.add(root.resolve("docs/ko/README.md"));
        files.add(root.resolve("exercises/README.md"));
        try (Stream<Path> hints = Files.walk(root.resolve("exercises/hints"))) {
            hints.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** The "## " headings outside code blocks (or, with {@code inCode}, only those inside one). */
    static List<String> sections(List<String> lines, boolean inCode) {
        var found = new ArrayList<String>();
        boolean code = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                code = !code;
                continue;
            }
            Matcher m = SECTION.matcher(line);
            if (code == inCode && m.matches()) {
                found.add(m.group(1).strip());
            }
        }
        return found;
    }

    /** The lines of section {@code name}, up to the next "## ". */
    private static List<String> section(List<String> lines, String name) {
        var found = new ArrayList<String>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                in = line.substring(3).strip().equals(name);
                continue;
            }
            if (in) {
                found.add(line);
            }
        }
        return found;
    }
}
