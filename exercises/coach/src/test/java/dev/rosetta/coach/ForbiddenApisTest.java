package dev.rosetta.coach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three kinds of rule (package, class with its subtypes, member), on real compiled code. */
class ForbiddenApisTest {

    private static List<String> violations(Path dir, String source, String... matches) throws Exception {
        Path file = dir.resolve("src/demo/Code.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        try (var javac = SourceCompiler.onOwnClassPath()) {
            assertEquals(List.of(), javac.compile(List.of(file), List.of(), dir.resolve("classes")));
        }
        var exercise = new Exercise("demo/code", "t", "docs/demo.md", List.of("demo/Code.java"), List.of("demo.CodeTest"),
                List.of("h"), Map.of(), List.of(new Exercise.Forbidden("the API", List.of(matches), "because")));
        return ForbiddenApis.violations(exercise, dir.resolve("classes"));
    }

    @Test
    void aPackageRuleCatchesAFieldTypeInsideAnAnonymousClass(@TempDir Path dir) throws Exception {
        List<String> found = violations(dir, """
                package demo;
                public class Code {
                    Runnable r = new Runnable() {
                        java.util.concurrent.atomic.AtomicLong n;
                        public void run() { }
                    };
                }
                """, "java.util.concurrent.atomic");
        assertEquals(List.of("this exercise asks you not to use the API (because); Code.java uses"
                + " java.util.concurrent.atomic.AtomicLong"), found);
    }

    @Test
    void aClassRuleCatchesItsSubtypesWithTheirLine(@TempDir Path dir) throws Exception {
        List<String> found = violations(dir, """
                package demo;
                public class Code {
                    Object make() {
                        return new java.util.concurrent.ArrayBlockingQueue<String>(1);
                    }
                }
                """, "java.util.concurrent.BlockingQueue");
        assertEquals(List.of("this exercise asks you not to use the API (because); Code.java line 4 uses"
                + " java.util.concurrent.ArrayBlockingQueue"), found);
    }

    @Test
    void aMemberRuleCatchesAMethodReferenceButNotAName(@TempDir Path dir) throws Exception {
        List<String> found = violations(dir, """
                package demo;
                import java.util.concurrent.CompletableFuture;
                import java.util.function.Function;
                public class Code {
                    int anyOf = 0; // anyOf
                    Object f() {
                        String anyOfText = "CompletableFuture.anyOf";
                        Function<CompletableFuture<?>[], CompletableFuture<Object>> any = CompletableFuture::anyOf;
                        return any;
                    }
                }
                """, "java.util.concurrent.CompletableFuture#anyOf");
        assertEquals(List.of("this exercise asks you not to use the API (because); Code.java line 8 uses"
                + " java.util.concurrent.CompletableFuture.anyOf"), found);
    }
}
