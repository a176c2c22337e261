package dev.rosetta.coach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources in this JVM with {@code javax.tools}: no Maven, no new process, so a
 * warm coach turns a save into classes in well under a second.
 *
 * <p>Thread-safety: not thread-safe (the file manager is reused); one compiler per thread.
 */
public final class SourceCompiler implements AutoCloseable {
    private final JavaCompiler javac;
    private final StandardJavaFileManager files;
    private final List<Path> libraries;

    /** A compiler whose class path is {@code libraries} plus whatever each call adds. */
    public SourceCompiler(List<Path> libraries) {
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this Java runtime has no compiler (javax.tools): run the coach on a JDK 25,"
                    + " not a JRE (./rosetta finds one for you)");
        }
        this.files = javac.getStandardFileManager(null, Locale.ROOT, null);
        this.libraries = List.copyOf(libraries);
    }

    /** A compiler over this JVM's own class path, where the coach finds JUnit, testkit and core. */
    public static SourceCompiler onOwnClassPath() {
        return new SourceCompiler(ownClassPath());
    }

    /** This JVM's class path entries. */
    public static List<Path> ownClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    /**
     * Compiles {@code sources} into a fresh {@code output} directory, with {@code extraClassPath}
     * before the libraries.
     *
     * @return the errors, formatted {@code file:line: message}; empty when it compiled
     */
    public List<String> compile(List<Path> sources, List<Path> extraClassPath, Path output) {
        clean(output);
        var classPath = new ArrayList<>(extraClassPath);
        classPath.addAll(libraries);
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        List<String> options = List.of("--release", "25", "-proc:none", "-g", "-nowarn",
                "-d", output.toString(), "-cp", String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(SourceCompiler::describe)
                .toList();
        if (!ok && errors.isEmpty()) {
            return List.of("javac failed without saying why");
        }
        return errors;
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() == null ? "?" : Path.of(d.getSource().toUri()).getFileName().toString();
        return file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
    }

    private static void clean(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
