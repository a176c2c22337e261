package dev.rosetta.coach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small workbook of two demo exercises (src/test/resources/fixture), copied to a temporary
 * directory so that a test may edit it: {@code demo/adder} is sound, with a mistake that spins
 * forever ignoring interrupts; {@code demo/weak} has a mistake its tests let through.
 */
final class FixtureWorkbook {
    final Path root;
    final Workbook workbook;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    FixtureWorkbook(Path dir) throws IOException, URISyntaxException {
        Path source = Path.of(FixtureWorkbook.class.getResource("/fixture/exercises/manifest.json").toURI())
                .getParent().getParent();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path target = dir.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        this.root = dir;
        this.workbook = new Workbook(dir);
    }

    /** Runs {@code learn ARGS} on this workbook; its exit code. */
    int learn(String... args) throws IOException, InterruptedException {
        printed.reset();
        return new Learn(workbook, new PrintStream(printed, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    /** What the last {@link #learn} printed. */
    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    Path stub(String name) {
        return root.resolve("exercises/workbook/src/main/java/dev/rosetta/exercises/demo").resolve(name);
    }

    Path solution(String exercise, String name) {
        return root.resolve("exercises/workbook/src/solution/demo").resolve(exercise).resolve(name);
    }
}
