package dev.rosetta.coach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks that code keeps an exercise's "solve it without ..." rule. It reads the source, with
 * comments and string literals blanked out, and looks for the rule's words as whole
 * identifiers; each use is reported with its file and line, in the coach's voice:
 * "this exercise asks you not to use java.util.concurrent.atomic; Counter.java line 14 uses AtomicInteger".
 *
 * <p>Thread-safety: stateless.
 */
public final class ForbiddenApis {
    private ForbiddenApis() {
    }

    /** Every use of a forbidden API in {@code files}; empty when the rules are kept. */
    public static List<String> violations(Exercise exercise, List<Path> files) {
        var found = new ArrayList<String>();
        for (Path file : files) {
            String[] lines = codeOnly(read(file)).split("\n", -1);
            for (Exercise.Forbidden rule : exercise.forbidden()) {
                for (String word : rule.matches()) {
                    Pattern use = Pattern.compile("(?<!\\w)" + Pattern.quote(word) + "(?!\\w)");
                    for (int i = 0; i < lines.length; i++) {
                        if (use.matcher(lines[i]).find()) {
                            found.add("this exercise asks you not to use " + rule.api() + " (" + rule.because() + "); "
                                    + file.getFileName() + " line " + (i + 1) + " uses " + word);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The source with comments, strings and char literals replaced by spaces; line breaks kept. */
    static String codeOnly(String source) {
        var out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            char next = i + 1 < source.length() ? source.charAt(i + 1) : 0;
            int end;
            if (c == '/' && next == '/') {
                end = source.indexOf('\n', i);
            } else if (c == '/' && next == '*') {
                end = source.indexOf("*/", i + 2);
                end = end < 0 ? -1 : end + 2;
            } else if (c == '"' || c == '\'') {
                end = literalEnd(source, i, c);
            } else {
                out.append(c);
                i++;
                continue;
            }
            end = end < 0 ? source.length() : end;
            for (int j = i; j < end; j++) {
                out.append(source.charAt(j) == '\n' ? '\n' : ' ');
            }
            i = end;
        }
        return out.toString();
    }

    private static int literalEnd(String source, int start, char quote) {
        for (int j = start + 1; j < source.length(); j++) {
            char c = source.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == quote || c == '\n') {
                return j + 1;
            }
        }
        return -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
