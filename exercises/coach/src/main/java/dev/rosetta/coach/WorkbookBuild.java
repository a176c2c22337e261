package dev.rosetta.coach;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Compiles the workbook the way the exercise contract needs it: the stubs and the tests once,
 * then each solution and mistake on the side, against the stubs, into a directory of its own.
 * A {@link Variant} is then just "this directory first, then the tests, then the stubs".
 *
 * <p>Thread-safety: not thread-safe (one {@link SourceCompiler}).
 */
public final class WorkbookBuild {
    private final Workbook workbook;
    private final SourceCompiler javac;

    /** Thrown when some sources do not compile; the message lists javac's errors. */
    public static final class CompileFailed extends Exception {
        CompileFailed(String what, List<String> errors) {
            super(what + " does not compile:\n  " + String.join("\n  ", errors));
        }
    }

    public WorkbookBuild(Workbook workbook, SourceCompiler javac) {
        this.workbook = workbook;
        this.javac = javac;
    }

    /** Where the stubs' and the tests' classes went. */
    public record Compiled(Path stubs, Path tests) {
    }

    /**
     * The stubs' and the tests' classes: those Maven's build of the workbook left in its
     * {@code target/classes} and {@code target/test-classes} when they are up to date
     * ({@link #mavensIfFresh}), else compiled here: the stubs, then the tests against them.
     */
    public Compiled stubsAndTests() throws CompileFailed {
        Compiled maven = mavensIfFresh();
        if (maven != null) {
            return maven;
        }
        Path stubs = stubs();
        return new Compiled(stubs, tests(stubs));
    }

    /**
     * What Maven compiled, when it is exactly what compiling here would give: every stub and test
     * source has its class, no older than the source; every class has its source (nothing left
     * from a deleted file); and the tests were compiled after the stubs. Else null.
     */
    Compiled mavensIfFresh() {
        Path target = workbook.exercises().resolve("workbook/target");
        Path stubs = target.resolve("classes");
        Path tests = target.resolve("test-classes");
        try {
            var stubTimes = ClassTimes.of(workbook.stubSources(), stubs);
            var testTimes = ClassTimes.of(workbook.testSources(), tests);
            if (stubTimes == null || testTimes == null || stubTimes.newest() > testTimes.oldest()) {
                return null;
            }
            return new Compiled(stubs, tests);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    /** The oldest and newest class file compiled from a source tree, or null when one is missing or stale. */
    private record ClassTimes(long oldest, long newest) {
        static ClassTimes of(Path sources, Path classes) throws java.io.IOException {
            if (!Files.isDirectory(classes)) {
                return null;
            }
            var topLevel = new java.util.HashMap<String, Long>();
            long oldest = Long.MAX_VALUE;
            long newest = Long.MIN_VALUE;
            try (var walk = Files.walk(classes)) {
                for (Path c : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = classes.relativize(c).toString();
                    int nested = name.indexOf('$');
                    String source = (nested >= 0 ? name.substring(0, nested) : name.substring(0, name.length() - 6)) + ".java";
                    long time = Files.getLastModifiedTime(c).toMillis();
                    topLevel.merge(source, time, Math::min);
                    oldest = Math.min(oldest, time);
                    newest = Math.max(newest, time);
                }
            }
            List<Path> files = Workbook.javaFiles(sources);
            for (Path source : files) {
                Long compiled = topLevel.remove(sources.relativize(source).toString());
                if (compiled == null || compiled < Files.getLastModifiedTime(source).toMillis()) {
                    return null;
                }
            }
            // a class without its source: a deleted file, or a second top-level class (compile here, to be sure)
            return topLevel.isEmpty() && !files.isEmpty() ? new ClassTimes(oldest, newest) : null;
        }
    }

    /** Compiles every stub; the directory of their classes. */
    public Path stubs() throws CompileFailed {
        return compile("the workbook (exercises/workbook/src/main/java)", Workbook.javaFiles(workbook.stubSources()),
                List.of(), workbook.build("stubs"));
    }

    /** Compiles every test against the stubs; the directory of their classes. */
    public Path tests(Path stubs) throws CompileFailed {
        return compile("the workbook's tests", Workbook.javaFiles(workbook.testSources()), List.of(stubs),
                workbook.build("tests"));
    }

    /** The source files of one variant: the solution's or mistake's copies of the files in 'edit'. */
    public List<Path> sources(Exercise exercise, Variant.Kind kind, String mistake) {
        return exercise.edit().stream().map(edit -> switch (kind) {
            case STUB -> workbook.stubFile(edit);
            case SOLUTION -> workbook.solutionSources(exercise).resolve(Path.of(edit).getFileName());
            case MISTAKE -> workbook.mistakeSources(exercise, mistake).resolve(Path.of(edit).getFileName());
        }).toList();
    }

    /**
     * Compiles a solution or mistake on its own, against the stubs; the variant to run. The
     * stub variant needs no compiling of its own: the stubs' directory already holds it.
     */
    public Variant variant(Exercise exercise, Variant.Kind kind, String mistake, Compiled workbookClasses)
            throws CompileFailed {
        Path stubs = workbookClasses.stubs();
        Path tests = workbookClasses.tests();
        String name = kind == Variant.Kind.MISTAKE ? mistake : kind.name().toLowerCase(java.util.Locale.ROOT);
        if (kind == Variant.Kind.STUB) {
            return new Variant(exercise.id(), kind, name, List.of(tests, stubs), exercise.tests());
        }
        List<Path> sources = sources(exercise, kind, mistake);
        for (Path source : sources) {
            if (!Files.isRegularFile(source)) {
                throw new CompileFailed("the " + name + " of " + exercise.id(),
                        List.of("missing " + workbook.show(source) + " (it must provide every file listed under 'edit')"));
            }
        }
        Path out = workbook.build(kind == Variant.Kind.MISTAKE ? "mistakes/" + exercise.id() + "/" + mistake
                : "solutions/" + exercise.id());
        compile("the " + name + " of " + exercise.id(), sources, List.of(stubs), out);
        return new Variant(exercise.id(), kind, name, List.of(out, tests, stubs), exercise.tests());
    }

    private Path compile(String what, List<Path> sources, List<Path> classPath, Path out) throws CompileFailed {
        List<String> errors = javac.compile(sources, classPath, out);
        if (!errors.isEmpty()) {
            throw new CompileFailed(what, errors);
        }
        return out;
    }
}
