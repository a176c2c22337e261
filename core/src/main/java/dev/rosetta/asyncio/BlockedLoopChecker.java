package dev.rosetta.asyncio;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Debug mode's watchdog, after Vert.x's {@code BlockedThreadChecker}: a thread of its own that
 * looks at the loop every {@code interval} and, as soon as one callback or task step has held it
 * for {@code threshold} or more, reports it — while the loop is still blocked, with the stack of
 * the thread doing the blocking. asyncio's debug mode can only say "Executing &lt;Task&gt; took
 * 1.2 seconds" after the step returns; a coroutine blocked for good would never be reported. Each
 * step is reported once; the stack taken then is also kept for the report after the step
 * ({@link #stepEnded}).
 *
 * <pre>
 *  loop: stepStarted(handle)  enteredTask(task) ......... blocked ......... stepEnded()
 *  checker:      look   look   look   look: blocked &ge; threshold -> report(LoopBlocked)   look
 * </pre>
 *
 * <p>Thread-safety: {@link #stepStarted}, {@link #enteredTask} and {@link #stepEnded} are called
 * by the loop (the loop thread, or the task holding the baton); the checker thread reads what
 * they publish through one volatile field holding an immutable {@link Step}. The report callback
 * runs on the checker thread.
 */
final class BlockedLoopChecker implements AutoCloseable {
    private static final Set<String> PLUMBING = Set.of("dev.rosetta.asyncio.Task", "dev.rosetta.asyncio.EventLoop",
            "java.lang.VirtualThread");

    /** The step in progress: its number, when it began, the thread running it, and what it runs. */
    private record Step(long number, long startedAt, Thread thread, Object what) {
    }

    /** A stack taken during step {@code number}. */
    private record Sample(long number, StackTraceElement[] stack) {
    }

    private final long thresholdNanos;
    private final Consumer<LoopBlocked> report;
    private final Thread thread;
    /** Written by the loop, read by the checker; null between steps. */
    private volatile Step step;
    /** Written by the checker, read by the loop at the end of the step. */
    private volatile Sample sample;
    private long steps; // loop-confined

    /**
     * Starts the checker thread.
     *
     * @param interval  how often it looks
     * @param threshold how long a step may hold the loop before it is reported
     * @param report    what to do with a report; runs on the checker thread
     */
    BlockedLoopChecker(Duration interval, Duration threshold, Consumer<LoopBlocked> report) {
        this.thresholdNanos = threshold.toNanos();
        this.report = report;
        long periodNanos = Math.max(100_000, interval.toNanos());
        this.thread = Thread.ofPlatform().daemon().name("asyncio-blocked-checker").start(() -> watch(periodNanos));
    }

    /** The loop starts running {@code what} (a callback's handle) on the current thread. */
    void stepStarted(Object what) {
        step = new Step(++steps, System.nanoTime(), Thread.currentThread(), what);
    }

    /** The current step hands the baton to {@code task}: its thread is the one to watch now. */
    void enteredTask(Task<?> task) {
        Step current = step;
        if (current != null) {
            step = new Step(current.number(), current.startedAt(), task.thread, task);
        }
    }

    /** The step ended; the stack the checker took while it was slow, or null if it took none. */
    StackTraceElement[] stepEnded() {
        Step ended = step;
        step = null;
        Sample taken = sample;
        return ended != null && taken != null && taken.number() == ended.number() ? taken.stack() : null;
    }

    private void watch(long periodNanos) {
        long reported = 0;
        while (true) {
            try {
                Thread.sleep(Duration.ofNanos(periodNanos));
            } catch (InterruptedException stopped) {
                return;
            }
            Step current = step;
            if (current == null || current.number() == reported) {
                continue;
            }
            long blocked = System.nanoTime() - current.startedAt();
            if (blocked < thresholdNanos || current.thread() == null) {
                continue;
            }
            StackTraceElement[] stack = current.thread().getStackTrace();
            List<StackTraceElement> frames = userFrames(stack);
            if (step != current || frames.isEmpty()) {
                // it moved on while we looked (the stack may be of something else), or its thread
                // is still in the loop's plumbing (a task's thread not yet running its code): look again
                continue;
            }
            reported = current.number();
            sample = new Sample(current.number(), stack);
            report.accept(new LoopBlocked(describe(current.what()), Duration.ofNanos(blocked), frames));
        }
    }

    /** A task by its name (its other fields belong to the loop); a callback by its handle. */
    private static String describe(Object what) {
        return what instanceof Task<?> task ? "<Task name='" + task.getName() + "'>" : String.valueOf(what);
    }

    /** The frames worth reading: the loop's and the JDK's own plumbing left out. */
    static List<StackTraceElement> userFrames(StackTraceElement[] stack) {
        if (stack == null) {
            return List.of();
        }
        return Arrays.stream(stack)
                .filter(f -> !PLUMBING.contains(f.getClassName().replaceFirst("\\$.*", ""))
                        && !f.getClassName().startsWith("jdk.internal."))
                .limit(16)
                .toList();
    }

    /** Stops the checker thread and waits for it. */
    @Override
    public void close() {
        thread.interrupt();
        EventLoop.joinUninterruptibly(thread, () -> { });
    }
}
