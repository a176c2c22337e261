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
        var out = new StringBuilder();
        List<ThreadInfo> infos = infos(threads);
        out.append(infos.size()).append(infos.size() == 1 ? " thread" : " threads").append(":\n");
        infos.forEach(info -> describe(info, out));
        out.append(deadlocks());
        return out.toString();
    }

    /**
     * The report for threads that hang: first, for each waiting thread, the call that waits and
     * what it waits for ("an item in a queue: someone must put one"), and whether anybody is
     * left running who could bring it; then {@link #of the full report}.
     */
    public static String hang(Collection<Thread> threads) {
        return waiting(infos(threads), deadlocks().isEmpty()) + of(threads);
    }

    private static List<ThreadInfo> infos(Collection<Thread> threads) {
        long[] ids = threads.stream().filter(Thread::isAlive).mapToLong(Thread::threadId).toArray();
        return Arrays.stream(ManagementFactory.getThreadMXBean().getThreadInfo(ids, true, true))
                .filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The hang in a few lines: for each waiting thread, the call of the project's code that is
     * waiting and what it waits for; and, when no thread is left running, that nobody will ever
     * bring it. Empty when no thread waits.
     */
    static String waiting(List<ThreadInfo> infos, boolean noCycle) {
        var out = new StringBuilder();
        for (ThreadInfo info : infos) {
            String what = waitsFor(info);
            if (what != null) {
                out.append("  \"").append(info.getThreadName()).append("\" waits");
                Arrays.stream(info.getStackTrace()).filter(f -> !isInfrastructure(f) && !isSynthetic(f)).findFirst()
                        .ifPresent(f -> out.append(" in ").append(frame(f).substring(3)));
                out.append(" for ").append(what).append('\n');
            }
        }
        if (out.isEmpty()) {
            return "";
        }
        boolean nobodyRunning = infos.stream().noneMatch(i -> i.getThreadState() == Thread.State.RUNNABLE);
        if (nobodyRunning && noCycle) {
            out.append("  Nobody is running who could bring it: every thread of this test is waiting. What they wait\n"
                    + "  for was sent before they started waiting (a lost wake-up), was sent to another condition, queue\n"
                    + "  or object, or the thread that should send it was never started, or ended early.\n");
        }
        return "what the waiting threads wait for:\n" + out;
    }

    /** What a waiting thread waits for, in words, read off its stack; null when it is not waiting. */
    static String waitsFor(ThreadInfo info) {
        Thread.State state = info.getThreadState();
        if (state == Thread.State.RUNNABLE || state == Thread.State.NEW || state == Thread.State.TERMINATED) {
            return null;
        }
        if (state == Thread.State.BLOCKED) {
            return "the monitor " + lockName(info.getLockInfo()) + owner(info) + " (a synchronized block)";
        }
        // the JDK call the project's code made is the outermost JDK frame above the first own frame
        String found = null;
        for (StackTraceElement f : info.getStackTrace()) {
            if (!isJdk(f)) {
                break;
            }
            String what = jdkWait(f.getClassName(), f.getMethodName(), info);
            found = what != null ? what : found;
        }
        if (found != null) {
            return found;
        }
        return info.getLockInfo() != null ? lockName(info.getLockInfo()) + owner(info) : "something the JDK parks on";
    }

    private static boolean isJdk(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.");
    }

    /** What a JDK method that blocks waits for, or null when {@code c.m} is not one of them. */
    private static String jdkWait(String c, String m, ThreadInfo info) {
        if (c.endsWith("$ConditionObject") && m.startsWith("await")) {
            return "a signal on a Condition: someone must change what it waits for, then call signal/signalAll"
                    + " while holding the lock";
        } else if (c.equals("java.util.concurrent.CountDownLatch") && m.equals("await")) {
            return "a CountDownLatch to reach zero: someone must call countDown";
        } else if (c.equals("java.util.concurrent.CyclicBarrier") || c.equals("java.util.concurrent.Phaser")) {
            return "the other parties of a barrier to arrive";
        } else if (c.equals("java.util.concurrent.Semaphore") && m.startsWith("acquire")) {
            return "a permit of a Semaphore: someone must release one";
        } else if (c.startsWith("java.util.concurrent.") && c.endsWith("Queue") && (m.equals("take") || m.equals("poll"))) {
            return "an item in a queue: someone must put one";
        } else if (c.startsWith("java.util.concurrent.") && c.endsWith("Queue") && (m.equals("put") || m.equals("offer"))) {
            return "room in a full queue: someone must take an item";
        } else if ((c.equals("java.util.concurrent.CompletableFuture") || c.equals("java.util.concurrent.FutureTask"))
                && (m.equals("get") || m.equals("join") || m.equals("waitingGet") || m.equals("timedGet") || m.equals("awaitDone"))) {
            return "a future's result: the task or callback that completes it must run to its end";
        } else if (c.equals("java.lang.Thread") && m.startsWith("join")) {
            return "another thread to end";
        } else if (c.equals("java.lang.Thread") && m.startsWith("sleep")) {
            return "nothing: it is sleeping";
        } else if (c.equals("java.lang.Object") && m.equals("wait0")) {
            return "notify/notifyAll on " + lockName(info.getLockInfo());
        } else if (c.startsWith("java.util.concurrent.locks.") && (m.equals("lock") || m.startsWith("acquire"))) {
            return "the lock " + lockName(info.getLockInfo()) + owner(info);
        } else if (c.startsWith("sun.nio.ch.") || (c.startsWith("java.io.") && m.startsWith("read"))) {
            return "input from a pipe or socket: the other end must write (or close)";
        }
        return null;
    }

    private static String owner(ThreadInfo info) {
        return info.getLockOwnerName() == null ? "" : " held by \"" + info.getLockOwnerName() + "\"";
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
