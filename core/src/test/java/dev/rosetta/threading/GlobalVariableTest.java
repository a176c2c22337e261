package dev.rosetta.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.threading.Experiments.Increment;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** When x += 1 loses updates, and why: the interleavings are forced, never left to luck. */
class GlobalVariableTest {

    /** Under the 3.2+ GIL a plain x += 1 has no check point between load and store: nothing is lost. */
    @Test
    void underTheGilAPlainIncrementLosesNothing() throws Exception {
        var gil = GlobalInterpreterLock.withSwitchInterval(Duration.ofMillis(1));
        assertEquals(0, Experiments.lostUpdates(gil, Increment.PLAIN, 200_000));
        assertTrue(gil.switches() >= 1, "the threads never took turns, so nothing was tested");
    }

    /** Under the GIL, a call between load and store is a check point: the other thread runs there and its update is overwritten. */
    @Test
    void underTheGilACallBetweenLoadAndStoreLosesUpdates() throws Exception {
        var gil = GlobalInterpreterLock.withSwitchInterval(Duration.ofMillis(1));
        var x = new GlobalVariable(0);
        var loaded = new CountDownLatch(1);
        try (var python = new Interpreter(gil)) {
            PyThread first = python.start("first", py -> {
                long v = x.load(py);
                loaded.countDown();
                while (!gil.dropRequested()) {      // the other thread is waiting and has asked
                    Thread.onSpinWait();
                }
                long sum = py.call(() -> v + 1);    // the call's entry is a check point: it runs there
                x.store(py, sum);                   // stale
            });
            loaded.await();
            PyThread second = python.start("second", py -> {
                for (int i = 0; i < 1_000; i++) {
                    x.store(py, x.load(py) + 1);
                    py.backEdge();
                }
            });
            first.join();
            second.join();
        }
        assertTrue(x.get() < 1_001, "x = " + x.get() + ": the first thread's stale store should have overwritten"
                + " at least one update of the second");
    }

    /** Free-threaded, the other thread can run anywhere, even between a plain load and store. */
    @Test
    void freeThreadedAPlainIncrementLosesUpdates() throws Exception {
        var x = new GlobalVariable(0);
        var loaded = new CountDownLatch(1);
        var othersDone = new CountDownLatch(1);
        try (var python = Interpreter.of(GilMode.FREE_THREADED)) {
            PyThread first = python.start("first", py -> {
                long v = x.load(py);
                loaded.countDown();
                othersDone.await();
                x.store(py, v + 1);
            });
            PyThread second = python.start("second", py -> {
                loaded.await();
                for (int i = 0; i < 1_000; i++) {
                    x.store(py, x.load(py) + 1);
                }
                othersDone.countDown();
            });
            first.join();
            second.join();
        }
        assertEquals(1, x.get(), "the first thread's store of 0 + 1 overwrote all 1,000 updates of the second");
    }

    /** The fix, with a lock around the read-modify-write, loses nothing, GIL or not. */
    @Test
    void aLockLosesNothing() throws Exception {
        assertEquals(0, Experiments.lostUpdates(GlobalInterpreterLock.of(GilMode.FREE_THREADED), Increment.WITH_LOCK, 50_000));
        assertEquals(0, Experiments.lostUpdates(GlobalInterpreterLock.withSwitchInterval(Duration.ofMillis(1)),
                Increment.WITH_LOCK, 50_000));
    }
}
