package dev.rosetta.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Runs an example's {@code main} and returns what it printed, so that every example main has
 * a test that runs it and checks its output (the way the docs quote it).
 *
 * <pre>{@code
 * String out = PrintedOutput.ofMain(LostUpdates.class, "--quick");
 * assertTrue(out.contains("lost"), out);
 * }</pre>
 *
 * <p>Thread-safety: it swaps {@code System.out} for the duration of the call, so it must not
 * run beside another test that prints (the default: JUnit runs tests one at a time). Output
 * printed by threads the main started and did not join is caught only while the call lasts.
 */
public final class PrintedOutput {
    private PrintedOutput() {
    }

    /** Calls {@code mainClass.main(args)} and returns everything it printed to {@code System.out}. */
    public static String ofMain(Class<?> mainClass, String... args) throws Throwable {
        Method main = mainClass.getMethod("main", String[].class);
        return of(() -> {
            try {
                main.invoke(null, (Object) args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** Runs {@code code} and returns everything it printed to {@code System.out}. */
    public static String of(FailureCollector.Task code) throws Throwable {
        PrintStream original = System.out;
        var captured = new ByteArrayOutputStream();
        try (var printer = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(printer);
            code.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
