package dev.rosetta.examples.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.PrintedOutput;
import dev.rosetta.testkit.TimelineBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example, with small arguments, and reads what it printed. Figures are the tour's business. */
class ExamplesTest {

    /** CpuBoundThreads prints one line per mode, with both timings and the speed-up. */
    @Test
    void cpuBoundThreadsComparesEveryMode() throws Throwable {
        String printed = PrintedOutput.ofMain(CpuBoundThreads.class, "20000");
        assertTrue(printed.startsWith("countdown(20,000) twice: in sequence, then on two threads at once"), printed);
        for (String mode : new String[] {"GIL", "OLD_GIL", "FREE_THREADED"}) {
            assertTrue(Pattern.compile("(?m)^" + mode + " +sequential +[0-9.]+ s +2 threads +[0-9.]+ s +speed-up [0-9.]+x +GIL switches \\d+$")
                    .matcher(printed).find(), "no line for " + mode + " in:\n" + printed);
        }
        assertTrue(printed.contains("FREE_THREADED") && printed.matches("(?s).*FREE_THREADED .*GIL switches 0\n.*"),
                "free-threaded has no GIL to switch:\n" + printed);
    }

    /** IoBoundThreads times the calls in sequence and on threads. */
    @Test
    void ioBoundThreadsTimesBoth() throws Throwable {
        String printed = PrintedOutput.ofMain(IoBoundThreads.class, "5", "2");
        assertTrue(printed.contains("5 blocking calls of 2 ms under the GIL"), printed);
        assertTrue(Pattern.compile("in sequence +[0-9.]+ s").matcher(printed).find(), printed);
        assertTrue(Pattern.compile("on +5 threads +[0-9.]+ s +[0-9.]+x faster \\(limit 5\\)").matcher(printed).find(), printed);
    }

    /** ConvoyEffect prints the latency alone and beside a CPU-bound thread at both intervals. */
    @Test
    void convoyEffectPrintsThreeLatencies() throws Throwable {
        String printed = PrintedOutput.ofMain(ConvoyEffect.class, "5");
        assertTrue(printed.startsWith("5 short blocking calls (50 µs each)"), printed);
        for (String what : new String[] {"alone", "switch interval 5 ms", "switch interval 1 ms"}) {
            assertTrue(Pattern.compile(Pattern.quote(what) + " +p50 +[0-9.]+ ms +p90 +[0-9.]+ ms +drop requests \\d+")
                    .matcher(printed).find(), "no line for " + what + " in:\n" + printed);
        }
    }

    /**
     * LostUpdates prints one line per case, and the plain increment under the GIL loses nothing
     * (there is no check point between its load and its store, on any run). How many the other two
     * cases lose depends on where the threads happen to switch, so this test only reads their
     * lines; that they do lose updates is proved, with the interleaving forced, by core's
     * {@code GlobalVariableTest}.
     */
    @Test
    void lostUpdatesPrintsEachCaseAndThePlainIncrementUnderTheGilLosesNothing() throws Throwable {
        String printed = PrintedOutput.ofMain(LostUpdates.class, "50000");
        assertTrue(printed.startsWith("two threads, x += 1 50,000 times each, no lock"), printed);
        assertEquals(0, lostFrom(printed, "3.2+ GIL, x += 1 on an int"), printed);
        lostFrom(printed, "3.2+ GIL, x += 1 through __add__ (a call)");     // printed; the count is a race
        lostFrom(printed, "free-threaded, x += 1 on an int");
    }

    /** FixedWithLock loses nothing, with the GIL or without. */
    @Test
    void fixedWithLockLosesNothing() throws Throwable {
        String printed = PrintedOutput.ofMain(FixedWithLock.class, "20000");
        assertEquals(0, lostFrom(printed, "3.2+ GIL, x += 1 through __add__, with lock"), printed);
        assertEquals(0, lostFrom(printed, "free-threaded, with lock"), printed);
    }

    /** PythonPrimitivesInJava prints, for each primitive, the facts CPython 3.11 prints, and where the JDK twin differs. */
    @Test
    void pythonPrimitivesInJavaBehaveAsPython() throws Throwable {
        String printed = PrintedOutput.ofMain(PythonPrimitivesInJava.class);
        assertEquals("""
                threading.Lock  ->  new Semaphore(1) (a ReentrantLock has an owner and re-enters)
                  released by another thread: locked now? false
                  tryAcquire() while held (acquire(blocking=False)): false
                  release() when unlocked: no error, 2 permits now (Python: RuntimeError: release unlocked lock) - check locked() first
                threading.RLock  ->  new ReentrantLock()
                  held 2 deep by one thread
                  unlock() by another thread: IllegalMonitorStateException (Python: RuntimeError: cannot release un-acquired lock)
                threading.Condition  ->  lock.newCondition(); wait_for = while (!predicate) await()
                  wait_for(lambda: items, timeout=0.05) with nobody putting: false
                  wait_for(lambda: len(items) >= 3) returned true with items [1, 2, 3]
                threading.Semaphore / BoundedSemaphore  ->  new Semaphore(n) / none: check the bound yourself
                  Semaphore(1) released once too often: now lets in 2
                  BoundedSemaphore(1).release() too often: IllegalArgumentException: Semaphore released too many times (Python: ValueError)
                threading.Barrier  ->  new CyclicBarrier(3)
                  await() returns, by arrival order: [2, 1, 0]; Python's wait() index is parties - 1 - that: [0, 1, 2]
                  await(timeout) expired: TimeoutException (Python: BrokenBarrierError); broken: true
                  after reset(): broken: false
                  reset() with a waiter: the waiter got BrokenBarrierException; broken: false (... and is usable again; Python's abort() leaves it broken: True)
                threading.local  ->  ThreadLocal<T>
                  a new thread sees nothing; main still sees main's
                threading.Timer  ->  ScheduledExecutorService.schedule(f, delay); cancel
                  cancelled before it fired ran nothing; the other ran: [soon]
                """, printed);
    }

    /** ThreadingApiTour runs every primitive and prints its result. */
    @Test
    void threadingApiTourRunsEveryPrimitive() throws Throwable {
        String printed = PrintedOutput.ofMain(ThreadingApiTour.class);
        String[] expected = {
            "ran on 'worker'",
            "4 threads x 10,000 = 40,000",
            "second acquire succeeds: false",
            "held 2 deep by one thread",
            "consumer received [1, 2, 3]",
            "5 threads, never more than 2 inside: true",
            "3 waiters released by one set()",
            "3 threads met, the action ran 1 time(s)",
            "each thread saw its own: {worker-0=0, worker-1=1}",
            "switch interval 5 ms -> 1 ms",
            "GIL: true, free-threaded: false",
        };
        for (String result : expected) {
            assertTrue(printed.contains(result), "missing '" + result + "' in:\n" + printed);
        }
    }

    /** VirtualThreadsForBlocking finishes every call on a few carrier threads. */
    @Test
    void virtualThreadsCarryManyBlockingCalls() throws Throwable {
        String printed = PrintedOutput.ofMain(VirtualThreadsForBlocking.class, "1000", "20");
        assertTrue(Pattern.compile("1,000 blocking calls of 20 ms on virtual threads: [0-9.]+ s \\(one after another: 20 s\\)")
                .matcher(printed).find(), printed);
        Matcher carriers = Pattern.compile("carried by (\\d+) OS thread\\(s\\)").matcher(printed);
        assertTrue(carriers.find(), printed);
        assertTrue(Integer.parseInt(carriers.group(1)) < 1000, "each call had its own OS thread:\n" + printed);
    }

    private static long lostFrom(String printed, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what) + " +lost ([0-9,]+) of").matcher(printed);
        assertTrue(m.find(), "no line for '" + what + "' in:\n" + printed);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    /** With --timeline FILE the GIL's holds are drawn: both countdown threads have a lane. */
    @Test
    void cpuBoundThreadsDrawsItsTimeline(@TempDir Path dir) throws Throwable {
        String printed = PrintedOutput.ofMain(CpuBoundThreads.class, "20000", "--timeline", dir.resolve("gil").toString());
        assertTrue(printed.contains("timeline: " + dir.resolve("gil.svg")), printed);
        Path svg = dir.resolve("gil.svg");
        assertTrue(TimelineBars.lanes(svg).containsAll(Set.of("main/countdown-0", "main/countdown-1")),
                "lanes drawn: " + TimelineBars.lanes(svg));
        assertTrue(TimelineBars.kinds(svg).contains("holds GIL"), "kinds drawn: " + TimelineBars.kinds(svg));
        assertTrue(Files.readString(dir.resolve("gil.json")).contains("\"traceEvents\""), "the Chrome trace is written beside it");
    }
}
