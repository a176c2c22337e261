package dev.rosetta.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every relative link in every Markdown file of the repository resolves to a file or directory. */
class MarkdownLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Path root = repositoryRoot();
        var broken = new ArrayList<String>();
        int checked = 0;
        for (Path file : markdownFiles(root)) {
            List<String> lines = Files.readAllLines(file);
            boolean inCode = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    inCode = !inCode;
                    continue;
                }
                if (inCode) {
                    continue;
                }
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                        continue;
                    }
                    checked++;
                    String path = target.replaceFirst("#.*$", "");
                    if (!Files.exists(file.getParent().resolve(path).normalize())) {
                        broken.add(root.relativize(file) + " line " + (i + 1) + ": " + target);
                    }
                }
            }
        }
        assertTrue(checked > 0, "no relative links found under " + root + ": is the root right?");
        assertTrue(broken.isEmpty(), broken.size() + " relative link(s) point at nothing (fix the path, or drop"
                + " the link until the file exists):\n  " + String.join("\n  ", broken));
    }

    private static List<Path> markdownFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".md"))
                    .filter(f -> root.relativize(f).toString().split("/").length > 0)
                    .filter(f -> Stream.of("target", ".git", "node_modules", ".rosetta")
                            .noneMatch(skip -> root.relativize(f).toString().startsWith(skip + "/")
                                    || root.relativize(f).toString().contains("/" + skip + "/")))
                    .sorted()
                    .toList();
        }
    }

    /** The directory holding the launcher and the parent POM, at or above the working directory. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("rosetta")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
    }
}
