package dev.rosetta.multiprocessing;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code multiprocessing.spawn}: the command line that starts a child, the one place
 * in the project that builds it. Python's spawn runs {@code sys.executable} (the same
 * interpreter, never whichever {@code python} is first on the PATH); here the child runs the
 * same {@code java} as this JVM — the {@code java} on the PATH may be another version — on a
 * class path that finds the same classes the parent's code sees.
 *
 * <pre>{@code
 * # multiprocessing.spawn.get_command_line()      Spawn.commandLine(List.of("-Xmx64m"), Child.class.getName(), args)
 * # multiprocessing.spawn.get_executable()        Spawn.executable()
 * }</pre>
 *
 * <p>{@link Pool}'s and {@link Process}'s workers add their own options to it ({@code WorkerCommand});
 * the tour's child JVMs and the workbook's test JVMs use it as it is.
 *
 * <p>Thread-safety: stateless; every method may be called from any thread.
 */
public final class Spawn {
    private Spawn() {
    }

    /** The {@code java} of this JVM: Python's {@code spawn.get_executable()}. */
    public static String executable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * {@code java OPTIONS -cp CLASSPATH MAIN ARGS} with this JVM's {@code java} and this JVM's
     * class path ({@link #classPath()}).
     */
    public static List<String> commandLine(List<String> jvmOptions, String mainClass, List<String> args) {
        return commandLine(jvmOptions, classPath(), mainClass, args);
    }

    /** {@code java OPTIONS -cp CLASSPATH MAIN ARGS} with this JVM's {@code java} and the class path given. */
    public static List<String> commandLine(List<String> jvmOptions, String classPath, String mainClass, List<String> args) {
        var command = new ArrayList<String>();
        command.add(executable());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(args);
        return command;
    }

    /** Class path entries joined with the platform's separator. */
    public static String classPath(List<Path> entries) {
        return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    /**
     * This JVM's class path, preceded by the directories of the calling thread's context class
     * loader when that is a class loader of its own (an IDE's, or the coach's loader for one
     * exercise variant): the child must find the same classes the code that starts it sees.
     */
    public static String classPath() {
        var entries = new ArrayList<String>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context instanceof java.net.URLClassLoader own && context != ClassLoader.getSystemClassLoader()) {
            for (var url : own.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException notAFile) {
                    // not a local directory or jar: the child cannot use it
                }
            }
        }
        entries.add(System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, entries);
    }
}
