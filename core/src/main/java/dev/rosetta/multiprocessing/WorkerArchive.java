package dev.rosetta.multiprocessing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.Process; // the JDK's, not this package's (Python's Process)
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive for worker JVMs: what Python gets from {@code fork} (a child that
 * starts with its parent's code already loaded), approached the JVM's way. The classes a worker
 * loads on its way to {@code Ready} — {@code ObjectInputStream}, the allow-list filter, record
 * deserialisation's method handles, this package — are written once into a dynamic AppCDS
 * archive ({@code -XX:ArchiveClassesAtExit}); every later worker maps them instead of loading,
 * verifying and linking them (measured in docs/multiprocessing.md, "Start-up").
 *
 * <p><b>A speed-up, kept apart.</b> Nothing in {@link Pool} knows about it: only
 * {@code WorkerCommand} asks it for options, and a worker started without them is the same
 * worker, only slower to start. It is on by default because it is worth it: on an idle
 * machine a pool of two starts 20–30% faster (less when the cores are busy anyway; the chapter's
 * "How it got fast" has the figures). To read or
 * debug the plain path, switch it off: per pool with {@link Pool.Options#workerArchive
 * Options.workerArchive(false)}, for a whole JVM with {@code -Drosetta.workerCache=off} (or
 * {@code ROSETTA_WORKER_CACHE=off}); then no archive is used and no trainer is started.
 *
 * <p><b>Where.</b> {@code ~/.cache/rosetta/workers/} ({@code $XDG_CACHE_HOME/rosetta/workers/}),
 * one file per key: the JDK (home and version), the workers' JVM options (logging options
 * aside) and the jars of their class path with each jar's size and modification time. A rebuilt
 * jar or another JDK is another key, so a stale archive is never offered to a JVM. The system
 * property {@code rosetta.workerCache} (or the environment variable {@code ROSETTA_WORKER_CACHE})
 * names another directory, or {@code off} to start workers without an archive (the build's
 * tests run so: see the root {@code pom.xml}).
 *
 * <p><b>How it is made.</b> The first pool of a key starts its workers normally and launches,
 * in the background and at the lowest CPU priority ({@code nice -n 19} where there is one), a
 * trainer JVM ({@link #main}): it runs a one-worker pool through a start, one task and a stop
 * with {@code -XX:ArchiveClassesAtExit} pointing at a temporary file of its own, checks the
 * result with {@code -Xshare:on}, and renames it into place atomically. So two trainers (two
 * JVMs at once) cannot leave a half-written archive under the final name, and workers only
 * ever map a finished one. A lock file keeps a second trainer from starting while one runs.
 * The trainer ends by itself within a second or two, even if its parent has gone.
 *
 * <p><b>Limits of CDS this works around.</b> An archive cannot be made or used with a non-empty
 * directory on the class path before its jars (classes from directories are never archived).
 * So the workers' class path is reordered — jars first, directories after — but only when no
 * class or resource name exists both in a directory and in a jar, so that every name still
 * resolves to the same file; otherwise, or when this package itself is not in a jar, or when
 * the caller passes its own CDS/AOT options, workers start without an archive. Anything that
 * fails on the way (no home directory, a read-only disk, a trainer that dies) does the same,
 * silently: the archive is only ever a speed-up. JDK 25's AOT cache (JEP 483/514) was measured
 * too and is not used: its assembly refuses any non-empty directory on the class path.
 *
 * <p>Thread-safety: {@link #forWorkers} may be called from any thread; at most one trainer per
 * key is started by one JVM.
 */
public final class WorkerArchive {
    /** The system property (and, upper-cased with underscores, the environment variable) that configures it. */
    static final String PROPERTY = "rosetta.workerCache";
    private static final String ENVIRONMENT = "ROSETTA_WORKER_CACHE";
    /** Options after which the caller manages class-data sharing: we add no archive of ours. */
    private static final List<String> THEIR_OWN = List.of("-Xshare", "SharedArchiveFile", "ArchiveClassesAtExit",
            "AutoCreateSharedArchive", "-XX:AOT", "DumpLoadedClassList", "SharedClassListFile");
    /** Silences CDS's own warnings (an unusable archive is simply not used) and keeps every JVM warning off stdout, the protocol's pipe. */
    static final List<String> QUIET = List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-Xlog:cds*=off:stderr",
            "-Xlog:aot*=off:stderr");
    private static final Duration STALE_LOCK = Duration.ofMinutes(2);
    private static final Duration UNUSED_ARCHIVE = Duration.ofDays(30);

    /** Archives (paths) for which this JVM has started (or tried to start) a trainer, and the trainer. */
    private static final Map<String, Optional<Process>> TRAINING = new ConcurrentHashMap<>();
    /** Archives (paths) this JVM has used (and marked as used, for pruning). */
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();
    /** Class path → its archive-friendly order, or empty when there is none; computed once per JVM. */
    private static final Map<String, Optional<Layout>> LAYOUTS = new ConcurrentHashMap<>();

    private WorkerArchive() {
    }

    /**
     * How to start workers with an archive.
     *
     * @param classPath the class path to give the workers: the jars, then the directories
     * @param options   the options that map the archive
     */
    record Use(String classPath, List<String> options) {
    }

    /** The class path split the way CDS needs it: jars (archived), then everything else (not archived). */
    record Layout(List<String> jars, List<String> rest) {
        String classPath() {
            return String.join(File.pathSeparator, Stream.concat(jars.stream(), rest.stream()).toList());
        }
    }

    /**
     * The archive for workers started with {@code java}, {@code flags} (ours), {@code userOptions}
     * and {@code classPath}, if there is a finished one; if there is none yet, starts a trainer in
     * the background and returns empty (this pool starts without).
     */
    static Optional<Use> forWorkers(String java, List<String> flags, List<String> userOptions, String classPath) {
        try {
            Optional<Target> target = target(java, flags, userOptions, classPath);
            if (target.isEmpty()) {
                return Optional.empty();
            }
            Target t = target.get();
            if (Files.isRegularFile(t.archive()) && Files.size(t.archive()) > 0) {
                if (USED.add(t.archive().toString())) {
                    Files.setLastModifiedTime(t.archive(), FileTime.from(Instant.now()));
                }
                var options = new ArrayList<String>();
                options.add("-XX:SharedArchiveFile=" + t.archive());
                options.addAll(QUIET);
                return Optional.of(new Use(t.layout().classPath(), options));
            }
            TRAINING.computeIfAbsent(t.archive().toString(), k -> startTrainer(java, t.archive(), flags, userOptions, t.layout()));
            return Optional.empty();
        } catch (IOException | RuntimeException anything) {
            return Optional.empty();
        }
    }

    /** Which archive workers with these settings would use, wherever it is made or not yet. */
    private record Target(String key, Path archive, Layout layout) {
    }

    private static Optional<Target> target(String java, List<String> flags, List<String> userOptions, String classPath)
            throws IOException {
        Optional<Path> directory = directory();
        if (directory.isEmpty() || userOptions.stream().anyMatch(o -> THEIR_OWN.stream().anyMatch(o::contains))) {
            return Optional.empty();
        }
        Optional<Layout> layout = LAYOUTS.computeIfAbsent(classPath, WorkerArchive::layout);
        if (layout.isEmpty()) {
            return Optional.empty();
        }
        String key = key(java, flags, userOptions, layout.get());
        return Optional.of(new Target(key, directory.get().resolve(key + ".jsa"), layout.get()));
    }

    /**
     * Waits until pools built from {@code options} will start their workers with an archive,
     * training one now if there is none: for benchmarks (the tour) that want to measure the warm
     * start, and for anyone who would rather pay the training once, up front, than in the
     * background. Returns false at once when there will be none (switched off, a directory before
     * the jars that cannot be moved, this package not in a jar, CDS options of the caller's), or
     * when {@code timeout} passes first. May be called from any thread.
     */
    public static boolean awaitArchive(Pool.Options options, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!options.workerArchive()) {
            return false;
        }
        String java = Spawn.executable();
        String classPath = WorkerCommand.classPath(options);
        List<String> flags = WorkerCommand.FLAGS;
        try {
            Optional<Target> target = target(java, flags, options.jvmOptions(), classPath);
            if (target.isEmpty()) {
                return false;
            }
            Path lock = target.get().archive().resolveSibling(target.get().archive().getFileName() + ".lock");
            while (forWorkers(java, flags, options.jvmOptions(), classPath).isEmpty()) {
                long left = deadline - System.nanoTime();
                Optional<Process> trainer = TRAINING.getOrDefault(target.get().archive().toString(), Optional.empty());
                if (left <= 0 || trainer.isEmpty()) {
                    return false;
                }
                if (trainer.get().isAlive()) {
                    trainer.get().waitFor(left, TimeUnit.NANOSECONDS);
                } else if (Files.exists(lock)) {
                    Thread.sleep(Math.min(100, TimeUnit.NANOSECONDS.toMillis(left) + 1)); // another JVM's trainer
                } else {
                    return forWorkers(java, flags, options.jvmOptions(), classPath).isPresent();
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Where archives live, or empty when switched off or not creatable. */
    static Optional<Path> directory() {
        String setting = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if ("off".equalsIgnoreCase(setting)) {
            return Optional.empty();
        }
        Path directory;
        if (setting != null && !setting.isBlank()) {
            directory = Path.of(setting);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
            directory = cache.resolve("rosetta").resolve("workers");
        }
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                try {
                    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the platform's default permissions, then
                }
            }
            return Files.isWritable(directory) ? Optional.of(directory) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The archive-friendly order of {@code classPath}: jars first, then directories and missing
     * entries, each group in its own order; empty when that could change what a name resolves
     * to, or when this package is not in one of the jars.
     */
    static Optional<Layout> layout(String classPath) {
        var jars = new ArrayList<String>();
        var rest = new ArrayList<String>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            (Files.isRegularFile(Path.of(entry)) ? jars : rest).add(entry);
        }
        Optional<Path> ours = codeSource();
        if (ours.isEmpty() || jars.stream().noneMatch(j -> Path.of(j).toAbsolutePath().normalize().equals(ours.get()))) {
            return Optional.empty();
        }
        boolean reordered = !String.join(File.pathSeparator, Stream.concat(jars.stream(), rest.stream()).toList())
                .equals(String.join(File.pathSeparator, Stream.of(classPath.split(File.pathSeparator))
                        .filter(e -> !e.isEmpty()).toList()));
        if (reordered && overlap(jars, rest)) {
            return Optional.empty();
        }
        return Optional.of(new Layout(List.copyOf(jars), List.copyOf(rest)));
    }

    /** Where this class was loaded from, if from a jar. */
    private static Optional<Path> codeSource() {
        try {
            var source = WorkerArchive.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Whether any class or resource name is both in one of the directories and in one of the jars. */
    private static boolean overlap(List<String> jars, List<String> directories) {
        Set<String> inJars = new HashSet<>();
        for (String jar : jars) {
            try (var file = new JarFile(jar, false)) {
                file.stream().filter(e -> !e.isDirectory()).map(e -> e.getName()).filter(WorkerArchive::counts)
                        .forEach(inJars::add);
            } catch (IOException e) {
                return true;
            }
        }
        for (String directory : directories) {
            Path root = Path.of(directory);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                if (files.filter(Files::isRegularFile)
                        .map(f -> root.relativize(f).toString().replace(File.separatorChar, '/'))
                        .filter(WorkerArchive::counts).anyMatch(inJars::contains)) {
                    return true;
                }
            } catch (IOException | UncheckedIOException e) {
                return true;
            }
        }
        return false;
    }

    /** Per-jar metadata that nothing looks up through the class path by name is not a clash. */
    private static boolean counts(String name) {
        return !(name.equals("META-INF/MANIFEST.MF") || name.startsWith("META-INF/maven/")
                || name.endsWith("module-info.class") || name.startsWith("META-INF/LICENSE")
                || name.startsWith("META-INF/NOTICE") || name.endsWith(".SF") || name.endsWith(".RSA"));
    }

    /** A digest of everything that must match for an archive to be usable. */
    static String key(String java, List<String> flags, List<String> userOptions, Layout layout) throws IOException {
        var text = new StringBuilder();
        text.append(java).append('\n').append(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n');
        flags.forEach(f -> text.append(f).append('\n'));
        userOptions.stream().filter(o -> !o.startsWith("-Xlog")).forEach(o -> text.append(o).append('\n'));
        for (String jar : layout.jars()) {
            Path path = Path.of(jar);
            text.append(path.toAbsolutePath()).append(' ').append(Files.size(path)).append(' ')
                    .append(Files.getLastModifiedTime(path).toMillis()).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "worker-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Starts the trainer; empty if it could not be started (then this JVM does not try again). */
    private static Optional<Process> startTrainer(String java, Path archive, List<String> flags,
                                                  List<String> userOptions, Layout layout) {
        var command = new ArrayList<String>();
        if (Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "19"));
        }
        command.addAll(List.of(java, "-XX:+UseSerialGC", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-D" + PROPERTY + "=off", "-cp", String.join(File.pathSeparator, layout.jars()),
                WorkerArchive.class.getName(), archive.toString(), java));
        command.addAll(trainingOptions(flags, userOptions));
        command.add("--");
        command.addAll(layout.jars());
        try {
            Process trainer = new ProcessBuilder(command).directory(archive.getParent().toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            trainer.getOutputStream().close();
            return Optional.of(trainer);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The workers' options, less the ones we add and the logging ones, which the archive does not depend on. */
    private static List<String> trainingOptions(List<String> flags, List<String> userOptions) {
        var options = new ArrayList<String>();
        flags.stream().filter(f -> !f.startsWith("-Xlog") && !f.startsWith("-Xshare")).forEach(options::add);
        userOptions.stream().filter(o -> !o.startsWith("-Xlog")).forEach(options::add);
        return options;
    }

    /**
     * The trainer (not for direct use): {@code WorkerArchive ARCHIVE JAVA OPTION... -- JAR...}.
     * Runs one worker through a start, a task and a stop with {@code -XX:ArchiveClassesAtExit},
     * checks the archive, renames it to {@code ARCHIVE}. Exit code 0 when the archive is in place.
     */
    public static void main(String[] args) {
        int separator = List.of(args).indexOf("--");
        Path archive = Path.of(args[0]);
        String java = args[1];
        List<String> options = List.of(args).subList(2, separator);
        List<Path> jars = List.of(args).subList(separator + 1, args.length).stream().map(Path::of).toList();
        try {
            System.exit(train(archive, java, options, jars) ? 0 : 1);
        } catch (IOException | RuntimeException e) {
            System.exit(2);
        }
    }

    /** Makes {@code archive} (see {@link #main}); false if another trainer holds the lock or the archive did not check out. */
    static boolean train(Path archive, String java, List<String> options, List<Path> jars) throws IOException {
        Path directory = archive.toAbsolutePath().getParent();
        Path lock = directory.resolve(archive.getFileName() + ".lock");
        if (!takeLock(lock)) {
            return false;
        }
        Path partial = directory.resolve(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            var workerOptions = new ArrayList<>(options);
            workerOptions.add("-XX:ArchiveClassesAtExit=" + partial);
            workerOptions.addAll(QUIET);
            var training = Pool.Options.processes(1).classPath(jars).jvmOptions(workerOptions.toArray(String[]::new));
            try (var pool = new Pool(training)) {
                pool.map(WorkerArchive::trainingTask, List.of(1, 2, 3), 1);
            }
            if (!Files.isRegularFile(partial) || Files.size(partial) == 0 || !usable(java, options, partial, jars)) {
                return false;
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            prune(directory);
            return true;
        } finally {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(lock);
        }
    }

    /** A task as small as can be that still takes the paths every task takes (a lambda read back, a result written). */
    private static String trainingTask(Integer x) {
        return "task " + x;
    }

    /** Whether a JVM with these options maps the archive ({@code -Xshare:on} fails the JVM if it cannot). */
    private static boolean usable(String java, List<String> options, Path archive, List<Path> jars) throws IOException {
        var command = new ArrayList<String>();
        command.add(java);
        command.addAll(options);
        command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive,
                "-cp", String.join(File.pathSeparator, jars.stream().map(Path::toString).toList()), "-version"));
        Process check = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!check.waitFor(30, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (InterruptedException e) {
            check.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Takes the training lock; breaks one left by a trainer that died. */
    private static boolean takeLock(Path lock) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.createFile(lock);
                return true;
            } catch (FileAlreadyExistsException held) {
                try {
                    if (Files.getLastModifiedTime(lock).toInstant().isAfter(Instant.now().minus(STALE_LOCK))) {
                        return false;
                    }
                    Files.deleteIfExists(lock);
                } catch (IOException gone) {
                    // released meanwhile: try again
                }
            }
        }
        return false;
    }

    /** Deletes archives no JVM has used for a month and partial files of trainers that died. */
    private static void prune(Path directory) {
        Instant now = Instant.now();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "worker-*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                boolean oldArchive = name.endsWith(".jsa") && modified.isBefore(now.minus(UNUSED_ARCHIVE));
                boolean deadPartial = name.endsWith(".tmp") && modified.isBefore(now.minus(Duration.ofHours(1)));
                if (oldArchive || deadPartial) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // pruning is housekeeping: the next trainer tries again
        }
    }
}
