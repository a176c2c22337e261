package dev.rosetta.multiprocessing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of a worker JVM: {@link Spawn}'s (the same {@code java} as this one, this
 * class path) with options chosen for a fast start (each measured in docs/multiprocessing.md,
 * "Start-up"):
 * <ul>
 *   <li>{@code -XX:+UseSerialGC}: no parallel GC threads to start for a small heap;</li>
 *   <li>{@code -XX:TieredStopAtLevel=1} is NOT used: it starts faster, but CPU-bound tasks need
 *       the optimising compiler;</li>
 *   <li>{@code -Xshare:auto}: the JDK's class-data-sharing archive, which maps the core classes
 *       instead of loading them;</li>
 *   <li>{@code -XX:-UsePerfData}: no {@code hsperfdata} file to create (a worker is not meant to be
 *       found by {@code jps}/{@code jstat}).</li>
 * </ul>
 *
 * <p>That is the plain path: {@code java FLAGS YOUR-OPTIONS -cp CLASSPATH WorkerMain}. One
 * speed-up may change it, and is kept apart: when {@link Pool.Options#workerArchive} allows and a
 * finished archive exists, {@code -XX:SharedArchiveFile=...} maps the classes a worker loads on
 * its way to {@code Ready}, and the class path is given jars first, directories after, when
 * that cannot change what any name resolves to ({@link WorkerArchive}: where it lives, how it is
 * made in the background, when it is not used).
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
        var jvmOptions = new ArrayList<>(FLAGS);
        String classPath = classPath(options);
        Optional<WorkerArchive.Use> archive = options.workerArchive()
                ? WorkerArchive.forWorkers(Spawn.executable(), FLAGS, options.jvmOptions(), classPath)
                : Optional.empty();
        if (archive.isPresent()) {
            jvmOptions.addAll(archive.get().options());
            classPath = archive.get().classPath();
        }
        jvmOptions.addAll(options.jvmOptions());
        return Spawn.commandLine(jvmOptions, classPath, main.getName(), options.allow());
    }

    /** The workers' class path as the caller sees it (before any reordering for the archive). */
    static String classPath(Pool.Options options) {
        return options.classPath().isEmpty() ? Spawn.classPath() : Spawn.classPath(options.classPath());
    }
}
