package dev.rosetta.multiprocessing;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of a worker JVM: the same {@code java} as this one, this class path, and
 * options chosen for a fast start (each measured in docs/multiprocessing.md, "Start-up"):
 * <ul>
 *   <li>{@code -XX:+UseSerialGC}: no parallel GC threads to start for a small heap;</li>
 *   <li>{@code -XX:TieredStopAtLevel=1} is NOT used: it starts faster, but CPU-bound tasks need
 *       the optimising compiler;</li>
 *   <li>{@code -Xshare:auto}: the JDK's class-data-sharing archive, which maps the core classes
 *       instead of loading them;</li>
 *   <li>{@code -XX:SharedArchiveFile=...}: once it exists, a dynamic archive of the classes a
 *       worker loads on its way to {@code Ready} ({@link WorkerArchive}: where it lives, how it
 *       is made in the background, when it is not used). With it the class path is given
 *       jars first, directories after, when that cannot change what any name resolves to.</li>
 *   <li>{@code -XX:-UsePerfData}: no {@code hsperfdata} file to create (a worker is not meant to be
 *       found by {@code jps}/{@code jstat}).</li>
 * </ul>
 */
final class WorkerCommand {
    /** Our options for every worker, before the caller's. */
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:-UsePerfData",
            "-Drosetta.trace.process=worker");

    private WorkerCommand() {
    }

    static List<String> of(Pool.Options options) {
        return of(options, WorkerMain.class);
    }

    /** The same command with another main in this package ({@link ProcessMain} for a {@link Process}). */
    static List<String> of(Pool.Options options, Class<?> main) {
        String java = java();
        String classPath = classPath(options);
        var command = new ArrayList<>(List.of(java));
        command.addAll(FLAGS);
        Optional<WorkerArchive.Use> archive = WorkerArchive.forWorkers(java, FLAGS, options.jvmOptions(), classPath);
        archive.ifPresent(use -> command.addAll(use.options()));
        command.addAll(options.jvmOptions());
        command.addAll(List.of("-cp", archive.map(WorkerArchive.Use::classPath).orElse(classPath), main.getName()));
        command.addAll(options.allow());
        return command;
    }

    /** The same {@code java} as this JVM's. */
    static String java() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The workers' class path as the caller sees it (before any reordering for the archive). */
    static String classPath(Pool.Options options) {
        return options.classPath().isEmpty() ? inherited()
                : String.join(File.pathSeparator, options.classPath().stream().map(Path::toString).toList());
    }

    /**
     * This JVM's class path, preceded by the directories of the creating thread's context class
     * loader when that is a class loader of its own (an IDE's, or the coach's loader for one
     * exercise variant): the worker must find the same classes the code that made the pool sees.
     */
    private static String inherited() {
        var entries = new ArrayList<String>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context instanceof java.net.URLClassLoader own && context != ClassLoader.getSystemClassLoader()) {
            for (var url : own.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException notAFile) {
                    // not a local directory or jar: the worker cannot use it
                }
            }
        }
        entries.add(System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, entries);
    }
}
