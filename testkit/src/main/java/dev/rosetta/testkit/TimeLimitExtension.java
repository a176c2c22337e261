package dev.rosetta.testkit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Every test gets a preemptive time limit and a leak check; both explain themselves.
 *
 * <ul>
 *   <li><b>Time limit.</b> Each test method (and each lifecycle method) runs on its own thread
 *       while this one waits with a deadline. A test stuck in {@code synchronized} or a
 *       deadlock cannot ignore it, unlike an interrupt. When the limit passes, the test fails
 *       with a {@link TestTimedOut} whose message is a {@link ThreadReport} of the threads the
 *       test started: what each waits for, who holds it, and any deadlock cycle. Then those
 *       threads are interrupted.</li>
 *   <li><b>Leak check.</b> Threads and child processes that a test started and that are still
 *       alive a moment after it ends fail the test, by name; they are interrupted or killed so
 *       the next test starts clean. The same holds for a class's {@code @BeforeAll}/{@code @AfterAll}.</li>
 * </ul>
 *
 * <p>Registered for every test by {@code junit-platform.properties} in this module (extension
 * auto-detection). The limit comes from {@link TimeLimit} on the method or class, else from
 * the configuration parameter {@code rosetta.test.timeout.seconds}, times {@link TimeLimits#factor()}.
 *
 * <p>Thread-safety: stateless apart from a thread counter; safe under parallel test execution.
 */
public final class TimeLimitExtension
        implements InvocationInterceptor, BeforeEachCallback, AfterEachCallback, BeforeAllCallback, AfterAllCallback {
    static final String RUNNER_PREFIX = "rosetta-test-runner-";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TimeLimitExtension.class);
    private static final AtomicInteger RUNNERS = new AtomicInteger();

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        guard(invocation, context, "test");
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        guard(invocation, context, "test");
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        return guard(invocation, context, "test factory");
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext call,
                                     ExtensionContext context) throws Throwable {
        guard(invocation, context, "dynamic test");
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                         ExtensionContext context) throws Throwable {
        guard(invocation, context, "@BeforeAll " + call.getExecutable().getName());
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                          ExtensionContext context) throws Throwable {
        guard(invocation, context, "@BeforeEach " + call.getExecutable().getName());
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                         ExtensionContext context) throws Throwable {
        guard(invocation, context, "@AfterEach " + call.getExecutable().getName());
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                        ExtensionContext context) throws Throwable {
        guard(invocation, context, "@AfterAll " + call.getExecutable().getName());
    }

    /** Runs the invocation on a fresh thread and waits for it no longer than the limit. */
    private <T> T guard(Invocation<T> invocation, ExtensionContext context, String what) throws Throwable {
        Duration limit = limitFor(context);
        Set<Thread> before = LiveThreads.snapshot();
        var outcome = new CompletableFuture<T>();
        Thread runner = Thread.ofPlatform()
                .name(RUNNER_PREFIX + RUNNERS.incrementAndGet())
                .daemon(true)
                .start(() -> {
                    try {
                        outcome.complete(invocation.proceed());
                    } catch (Throwable failure) {
                        outcome.completeExceptionally(failure);
                    }
                });
        try {
            return outcome.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause();
        } catch (TimeoutException timedOut) {
            List<Thread> involved = new ArrayList<>();
            involved.add(runner);
            involved.addAll(LiveThreads.startedSince(before));
            String report = ThreadReport.hang(involved);
            involved.forEach(Thread::interrupt);
            throw new TestTimedOut(describeTimeout(context, what, limit) + "\n" + report);
        }
    }

    private static String describeTimeout(ExtensionContext context, String what, Duration limit) {
        return String.format(Locale.ROOT,
                "%s '%s' did not finish within %s (its time limit: @TimeLimit(seconds = ...) sets it,"
                        + " -Drosetta.timeout.factor scales every limit). Here is what its threads were doing:",
                what, context.getDisplayName(), seconds(limit));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static Duration limitFor(ExtensionContext context) {
        double seconds = findTimeLimit(context)
                .map(TimeLimit::seconds)
                .orElseGet(() -> context.getConfigurationParameter("rosetta.test.timeout.seconds")
                        .map(Double::parseDouble)
                        .orElse(60.0));
        return TimeLimits.scaled(Duration.ofNanos((long) (seconds * 1e9)));
    }

    private static Optional<TimeLimit> findTimeLimit(ExtensionContext context) {
        for (Optional<? extends AnnotatedElement> element = context.getElement(); ; ) {
            Optional<TimeLimit> found = element.flatMap(e -> AnnotationSupport.findAnnotation(e, TimeLimit.class));
            if (found.isPresent() || context.getParent().isEmpty()) {
                return found;
            }
            context = context.getParent().get();
            element = context.getElement();
        }
    }

    // ---- leak check -------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) {
        remember(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        remember(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        checkNothingLeftBehind(context, "test");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        checkNothingLeftBehind(context, "test class (its @BeforeAll/@AfterAll)");
    }

    private static void remember(ExtensionContext context) {
        context.getStore(NAMESPACE).put("threads", LiveThreads.snapshot());
        context.getStore(NAMESPACE).put("processes", ChildProcesses.snapshot());
    }

    @SuppressWarnings("unchecked")
    private static void checkNothingLeftBehind(ExtensionContext context, String what) {
        var store = context.getStore(NAMESPACE);
        Set<Thread> threadsBefore = store.remove("threads", Set.class);
        Set<ProcessHandle> processesBefore = store.remove("processes", Set.class);
        if (threadsBefore == null || processesBefore == null) {
            return;
        }
        Duration grace = TimeLimits.scaled(Duration.ofSeconds(2));
        List<Thread> threads = LiveThreads.awaitEnd(LiveThreads.startedSince(threadsBefore), grace);
        List<ProcessHandle> processes = ChildProcesses.awaitEnd(ChildProcesses.startedSince(processesBefore), grace);
        if (threads.isEmpty() && processes.isEmpty()) {
            return;
        }
        String report = leftovers(threads, processes);
        threads.forEach(Thread::interrupt);
        processes.forEach(ProcessHandle::destroyForcibly);
        if (context.getExecutionException().isEmpty()) {
            throw new AssertionError("This " + what + " left " + report
                    + "Everything a test starts must be gone when it ends: shut executors down"
                    + " (try-with-resources), join threads, close pools. They have now been interrupted or killed.");
        }
    }

    private static String leftovers(List<Thread> threads, List<ProcessHandle> processes) {
        var out = new StringBuilder();
        if (!threads.isEmpty()) {
            out.append("threads running after it ended: ").append(ThreadReport.of(threads));
        }
        if (!processes.isEmpty()) {
            out.append("processes running after it ended:\n").append(processes.stream()
                    .map(p -> "  pid " + p.pid() + ": " + p.info().commandLine().orElse("?"))
                    .collect(Collectors.joining("\n"))).append('\n');
        }
        return out.toString();
    }
}
