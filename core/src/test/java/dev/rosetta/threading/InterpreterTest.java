package dev.rosetta.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.OverlapProbe;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InterpreterTest {

    /** Under either GIL, only one Python thread runs code at a time, and both get their turns. */
    @ParameterizedTest
    @EnumSource(value = GilMode.class, names = {"GIL", "OLD_GIL"})
    void underAGilOneThreadRunsAtATime(GilMode mode) throws Exception {
        var gil = mode == GilMode.GIL ? GlobalInterpreterLock.withSwitchInterval(Duration.ofMillis(1))
                : GlobalInterpreterLock.of(mode);
        var inside = new AtomicInteger();
        var mostInside = new AtomicInteger();
        var turns = new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()};
        PyCode[] codes = new PyCode[2];
        for (int i = 0; i < 2; i++) {
            int me = i;
            codes[i] = py -> {
                while (turns[1 - me].get() == 0 || turns[me].get() < 10) {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    turns[me].incrementAndGet();
                    inside.decrementAndGet();
                    py.instructions(5);
                    py.backEdge();
                }
            };
        }
        try (var python = new Interpreter(gil)) {
            python.runAll("worker", List.of(codes));
        }
        assertEquals(1, mostInside.get(), mode + ": two threads ran Python code at the same time");
        assertTrue(gil.switches() >= 1, mode + ": the GIL never changed hands");
    }

    /** Without a GIL, CPU-bound Python threads run at the same time. */
    @Test
    void freeThreadedThreadsRunInParallel() throws Exception {
        var probe = new OverlapProbe(2);
        try (var python = Interpreter.of(GilMode.FREE_THREADED)) {
            python.runAll("worker", List.of(py -> probe.arriveAndAwait(), py -> probe.arriveAndAwait()));
        }
        probe.assertOverlapped();
    }

    /** Under the GIL, code that never reaches a check point or a blocking call keeps the others out. */
    @Test
    void underTheGilCodeWithoutCheckPointsRunsAlone() throws Exception {
        var probe = new OverlapProbe(2, TimeLimits.SHORT);
        try (var python = Interpreter.of(GilMode.GIL)) {
            python.runAll("worker", List.of(py -> probe.arriveAndAwait(), py -> probe.arriveAndAwait()));
        }
        assertEquals(1, probe.mostInsideAtOnce(), "the second thread got in while the first held the GIL");
    }

    /** Under the GIL, blocking calls overlap: they run without it. */
    @Test
    void underTheGilBlockingCallsOverlap() throws Exception {
        var probe = new OverlapProbe(2);
        try (var python = Interpreter.of(GilMode.GIL)) {
            python.runAll("worker", List.of(py -> py.blocking(probe::arriveAndAwait),
                    py -> py.blocking(probe::arriveAndAwait)));
        }
        probe.assertOverlapped();
    }

    /** A thread that raises lets the GIL go; the others finish and runAll names the one that raised. */
    @Test
    void aThreadThatRaisesReleasesTheGil() throws Exception {
        var ran = new AtomicInteger();
        try (var python = Interpreter.of(GilMode.GIL)) {
            var e = assertThrows(Interpreter.PyThreadFailed.class, () -> python.runAll("worker", List.of(
                    py -> {
                        throw new ArithmeticException("division by zero");
                    },
                    py -> ran.incrementAndGet())));
            assertEquals("Python thread 'worker-0' raised java.lang.ArithmeticException: division by zero", e.getMessage());
            assertInstanceOf(ArithmeticException.class, e.getCause());
        }
        assertEquals(1, ran.get(), "the other thread should have run");
    }

    /** close() interrupts a thread spinning at check points and one waiting for the GIL, and both end. */
    @Test
    void closeStopsRunningThreads() throws Exception {
        var spinning = new CountDownLatch(1);
        PyThread spinner;
        PyThread waiter;
        try (var python = Interpreter.of(GilMode.GIL)) {
            ((NewGil) python.gil()).setSwitchInterval(Duration.ofSeconds(30));
            spinner = python.start("spinner", py -> {
                spinning.countDown();
                while (true) {
                    py.instructions(3);
                    py.backEdge();
                }
            });
            spinning.await();
            waiter = python.start("waiter", py -> py.instruction());
        }
        assertFalse(spinner.isAlive(), "spinner still running");
        assertFalse(waiter.isAlive(), "waiter still running");
        assertInstanceOf(InterruptedException.class, spinner.failure().orElseThrow());
    }

    /** A closed interpreter starts no more threads. */
    @Test
    void aClosedInterpreterRefusesNewThreads() {
        var python = Interpreter.of(GilMode.FREE_THREADED);
        python.close();
        var e = assertThrows(IllegalStateException.class, () -> python.start("late", py -> { }));
        assertEquals("cannot start Python thread 'late': the interpreter is closed", e.getMessage());
    }
}
