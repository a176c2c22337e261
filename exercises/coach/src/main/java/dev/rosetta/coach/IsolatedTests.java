package dev.rosetta.coach;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rosetta.testkit.TestTimedOut;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs an exercise's tests against one variant, in this JVM, in a class loader of its own.
 *
 * <p>The solution, the stub and every mistake define the same class names. Each run gets an
 * {@link ExerciseLoader} that loads {@code dev.rosetta.exercises.*} itself, from the variant's
 * classes first, and leaves everything else (JUnit, testkit, core) to the parent; so two
 * variants never see each other's {@code Counter}, and JUnit is loaded once.
 *
 * <p>Thread-safety: one run at a time per JVM (it sets the context class loader of the
 * calling thread for the run's duration).
 */
public final class IsolatedTests {
    static final String EXERCISES_PACKAGE = "dev.rosetta.exercises.";

    private IsolatedTests() {
    }

    /**
     * Runs {@code testClasses} with {@code classDirs} first on the class path.
     *
     * @param config JUnit configuration parameters for this run (e.g. the default time limit)
     */
    public static TestOutcome run(List<Path> classDirs, List<String> testClasses, Map<String, String> config) {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        try (var loader = new ExerciseLoader(classDirs, IsolatedTests.class.getClassLoader())) {
            current.setContextClassLoader(loader);
            List<ClassSelector> selectors = testClasses.stream().map(name -> selectClass(load(loader, name))).toList();
            var listener = new Collector();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .configurationParameters(config)
                    .build(), listener);
            if (listener.run.get() == 0) {
                return TestOutcome.error("no tests ran in " + String.join(", ", testClasses)
                        + ": are they annotated with @Test, and listed under 'tests' in the manifest?");
            }
            return new TestOutcome(listener.run.get(), List.copyOf(listener.failures), null);
        } catch (MissingTestClass e) {
            return TestOutcome.error("test class " + e.getMessage() + " not found: check 'tests' in exercises/manifest.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new MissingTestClass(name);
        }
    }

    private static final class MissingTestClass extends RuntimeException {
        MissingTestClass(String name) {
            super(name, null, false, false);
        }
    }

    /** Collects the results of tests (not containers) as they finish; called on JUnit's threads. */
    private static final class Collector implements TestExecutionListener {
        final AtomicInteger run = new AtomicInteger();
        final ConcurrentLinkedQueue<TestOutcome.Failure> failures = new ConcurrentLinkedQueue<>();
        private volatile TestPlan plan;

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                return;
            }
            if (id.isTest()) {
                run.incrementAndGet();
            }
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                Throwable failure = result.getThrowable().orElse(new AssertionError("failed without an exception"));
                failures.add(describe(name(id), failure, !id.isTest()));
            }
        }

        private String name(TestIdentifier id) {
            String parent = plan == null ? "" : plan.getParent(id).map(TestIdentifier::getDisplayName).orElse("");
            return parent.isEmpty() ? id.getDisplayName() : parent + " > " + id.getDisplayName();
        }
    }

    static TestOutcome.Failure describe(String test, Throwable failure, boolean ofClass) {
        // a failure on a worker thread arrives wrapped (FailureCollector): the root tells the story
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof TestTimedOut)
                && root.getMessage() != null && root.getMessage().contains("on thread")) {
            root = root.getCause();
        }
        List<String> frames = Arrays.stream(root.getStackTrace())
                .filter(f -> f.getClassName().startsWith(EXERCISES_PACKAGE) && !f.getClassName().endsWith("Test"))
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName()
                        + "(" + f.getFileName() + ":" + f.getLineNumber() + ")")
                .distinct()
                .toList();
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        if (!(failure instanceof AssertionError)) {
            message = failure.getClass().getSimpleName() + ": " + message;
        }
        var trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return new TestOutcome.Failure(test, message, failure instanceof TestTimedOut, frames, trace.toString(), ofClass);
    }

    /**
     * A child-first loader for the exercises' package only. Everything else goes to the parent,
     * so JUnit, testkit and core are shared, while each variant has its own exercise classes.
     */
    static final class ExerciseLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        ExerciseLoader(List<Path> dirs, ClassLoader parent) {
            super("exercise-variant", urls(dirs), parent);
        }

        private static URL[] urls(List<Path> dirs) {
            return dirs.stream().map(d -> {
                try {
                    return d.toUri().toURL();
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException(d.toString(), e);
                }
            }).toArray(URL[]::new);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(EXERCISES_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
