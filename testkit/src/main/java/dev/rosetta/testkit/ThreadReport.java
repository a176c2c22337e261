package dev.rosetta.testkit;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a set of threads is doing right now, written for a person who has to find a hang:
 * each thread's state, the lock it waits for and who holds that lock, the locks it holds,
 * its own frames (the project's code before the JDK's), and every deadlock cycle by name.
 *
 * <p>This is what a test prints when its time limit fires, and what the coach shows when an
 * exercise hangs. It reads {@link ThreadMXBean}, the same data {@code jstack} prints, and
 * finds cycles with {@link ThreadMXBean#findDeadlockedThreads()}, which sees both
 * {@code synchronized} monitors and {@code java.util.concurrent} locks.
 *
 * <p>Thread-safety: stateless; call it from any thread. The snapshot is not atomic: threads
 * keep running while it is taken, so a thread may move between two lines of the report.
 */
public final class ThreadReport {
    /** Frames of these packages are infrastructure: shown only when nothing else explains a thread. */
    private static final List<String> INFRASTRUCTURE = List.of(
            "java.", "javax.", "jdk.", "sun.", "org.junit.", "org.apache.maven.",
            "dev.rosetta.testkit.TimeLimitExtension", "dev.rosetta.testkit.FailureCollector", "dev.rosetta.testkit.StartGate");
    private static final int MAX_FRAMES = 8;

    private ThreadReport() {
    }

    /** The report for the given threads, followed by any deadlock cycle in the whole JVM. */
    public static String of(Collection<Thread> threads) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = threads.stream().filter(Thread::isAlive).mapToLong(Thread::threadId).toArray();
        var out = new StringBuilder();
        out.append(ids.length).append(ids.length == 1 ? " thread" : " threads").append(":\n");
        for (ThreadInfo info : mx.getThreadInfo(ids, true, true)) {
            if (info != null) {
                describe(info, out);
            }
        }
        String cycles = deadlocks();
        if (!cycles.isEmpty()) {
            out.append(cycles);
        }
        return out.toString();
    }

    /**
     * Every deadlock cycle in this JVM, one paragraph each, naming each thread, the lock it
     * waits for and the thread holding it; empty when there is none.
     */
    public static String deadlocks() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] deadlocked = mx.findDeadlockedThreads();
        if (deadlocked == null) {
            return "";
        }
        Map<Long, ThreadInfo> byId = new LinkedHashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(deadlocked, true, true)) {
            if (info != null) {
                byId.put(info.getThreadId(), info);
            }
        }
        var out = new StringBuilder();
        Set<Long> reported = new LinkedHashSet<>();
        for (long start : byId.keySet()) {
            List<ThreadInfo> cycle = cycleFrom(start, byId);
            if (cycle.isEmpty() || cycle.stream().anyMatch(t -> reported.contains(t.getThreadId()))) {
                continue;
            }
            cycle.forEach(t -> reported.add(t.getThreadId()));
            out.append("DEADLOCK: a cycle of ").append(cycle.size()).append(" threads, each holding a lock the next one needs:\n");
            for (ThreadInfo t : cycle) {
                out.append("  \"").append(t.getThreadName()).append("\" waits for ").append(lockName(t.getLockInfo()))
                        .append(" held by \"").append(t.getLockOwnerName()).append("\"\n");
            }
            out.append("  None of them can move. The usual fix: take the locks in one global order"
                    + " (always the lower id first), or use tryLock with a timeout and back off.\n");
        }
        return out.toString();
    }

    /** Follows "waits for a lock held by" from {@code start}; the threads of the cycle it reaches. */
    private static List<ThreadInfo> cycleFrom(long start, Map<Long, ThreadInfo> byId) {
        List<Long> path = new ArrayList<>();
        long current = start;
        while (byId.containsKey(current) && !path.contains(current)) {
            path.add(current);
            current = byId.get(current).getLockOwnerId();
        }
        int loopStart = path.indexOf(current);
        if (loopStart < 0) {
            return List.of();
        }
        return path.subList(loopStart, path.size()).stream().map(byId::get).toList();
    }

    private static void describe(ThreadInfo info, StringBuilder out) {
        out.append("  \"").append(info.getThreadName()).append("\" ").append(info.getThreadState());
        if (info.getLockInfo() != null) {
            out.append(info.getThreadState() == Thread.State.BLOCKED ? " waiting to lock " : " waiting on ")
                    .append(lockName(info.getLockInfo()));
            if (info.getLockOwnerName() != null) {
                out.append(" held by \"").append(info.getLockOwnerName()).append('"');
            }
        }
        out.append('\n');
        String held = heldLocks(info);
        if (!held.isEmpty()) {
            out.append("      holds ").append(held).append('\n');
        }
        for (String frame : frames(info.getStackTrace())) {
            out.append("      ").append(frame).append('\n');
        }
    }

    private static String heldLocks(ThreadInfo info) {
        var held = new ArrayList<String>();
        Arrays.stream(info.getLockedMonitors()).map(ThreadReport::lockName).forEach(held::add);
        Arrays.stream(info.getLockedSynchronizers()).map(ThreadReport::lockName).forEach(held::add);
        return String.join(", ", held);
    }

    /**
     * The frames worth reading: the top frame (where the thread is now), then the project's own
     * frames, then, if there were none, the rest; at most {@value #MAX_FRAMES}.
     */
    static List<String> frames(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return List.of();
        }
        var chosen = new LinkedHashSet<StackTraceElement>();
        chosen.add(stack[0]);
        Arrays.stream(stack).filter(f -> !isInfrastructure(f) && !isSynthetic(f)).limit(MAX_FRAMES - 1).forEach(chosen::add);
        if (chosen.size() == 1) {
            Arrays.stream(stack).limit(MAX_FRAMES).forEach(chosen::add);
        }
        List<String> lines = chosen.stream().map(ThreadReport::frame).collect(Collectors.toCollection(ArrayList::new));
        int hidden = stack.length - chosen.size();
        if (hidden > 0) {
            lines.add("... " + hidden + " more frames (JDK, JUnit)");
        }
        return lines;
    }

    /** One frame as {@code at Class.method(File.java:12)}, without module and loader prefixes. */
    static String frame(StackTraceElement f) {
        String where = f.isNativeMethod() ? "native"
                : f.getFileName() == null ? "?"
                : f.getLineNumber() >= 0 ? f.getFileName() + ":" + f.getLineNumber() : f.getFileName();
        return "at " + f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
    }

    private static boolean isSynthetic(StackTraceElement frame) {
        return frame.getClassName().contains("$$Lambda");
    }

    static boolean isInfrastructure(StackTraceElement frame) {
        return INFRASTRUCTURE.stream().anyMatch(frame.getClassName()::startsWith);
    }

    private static String lockName(LockInfo lock) {
        String type = lock.getClassName();
        return type.substring(type.lastIndexOf('.') + 1) + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }
}
