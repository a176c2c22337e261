package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code threading/mini-gil}. The contract, one test each:
 * <ul>
 *   <li>a waiter does not ask for the GIL before its switch interval has run out;</li>
 *   <li>a waiter asks only if the same holder kept the GIL for the whole interval (the switch number did not move);</li>
 *   <li>a holder that only runs check points lets a waiter in: the waiter asks, the holder drops at its next check point;</li>
 *   <li>a check point with no drop request keeps the GIL, even while a thread waits for it;</li>
 *   <li>a check point that drops wakes the waiter at once, without waiting for the waiter's interval to run out;</li>
 *   <li>a granted request hands the GIL over, every time: when checkPoint() returns, the waiter has had it;</li>
 *   <li>two threads that only run check points take turns, again and again (the old holder queues up and asks too);</li>
 *   <li>a take() interrupted while it waits ends with InterruptedException and leaves the mutex free.</li>
 * </ul>
 * No test depends on how fast anything runs: the test holds the GIL's mutex where it must freeze a
 * moment, and looks at a waiter only once it is parked.
 */
@TimeLimit(seconds = 20)
class MiniGilTest {
    /** How long something that should happen within a few switch intervals may take before the test gives up. */
    private static final Duration PATIENCE = TimeLimits.scaled(Duration.ofSeconds(2));
    /** A switch interval that does not run out during a test. */
    private static final Duration NEVER = Duration.ofSeconds(30);
    private static final int ROUNDS = 20;

    private final WatchedLock mutex = new WatchedLock();
    private final TestThreads threads = new TestThreads();

    @AfterEach
    void stopEveryThread() throws InterruptedException {
        threads.stopAll();
    }

    /** A waiter does not ask for the GIL before its switch interval has run out (here 30 s, so: not during the test). */
    @Test
    @DisplayName("a waiter asks only after a switch interval")
    void aWaiterAsksOnlyAfterTheSwitchInterval() throws Exception {
        var gil = new MiniGil(NEVER, mutex);
        gil.take();
        Thread waiter = threads.start("waiter", () -> {
            gil.take();
            gil.drop();
        });
        threads.awaitWaiting(waiter, mutex, "take() of a GIL someone holds");
        boolean askedAtOnce = gil.dropRequested();
        gil.drop();
        threads.finish(waiter, "take()", "the GIL was dropped while it waited");
        assertFalse(askedAtOnce, "the waiter set dropRequest as soon as it found the GIL taken: it must first wait"
                + " one switch interval (dropped.awaitNanos(intervalNanos)) and ask only if that ran out while the"
                + " same holder kept the GIL. Asking at once makes threads switch at every check point.");
    }

    /**
     * A waiter whose interval ran out while the GIL changed hands does not ask: the new holder has
     * only just got it. Forced: the test holds the mutex while the waiter's interval runs out,
     * hands the GIL over (drops and takes it again: the switch number moves), lets go, and stops
     * the waiter at the start of its next wait to look at the request.
     */
    @Test
    @DisplayName("a waiter asks only if the same holder kept the GIL")
    void aWaiterAsksOnlyIfTheSameHolderKeptIt() throws Exception {
        var gil = new MiniGil(Duration.ofMillis(1), mutex);
        gil.take();
        Thread waiter = threads.start("waiter", () -> {
            gil.take();
            gil.drop();
        });
        threads.awaitWaiting(waiter, mutex, "take() of a GIL someone holds");
        boolean asked;
        mutex.lock();
        try {
            threads.awaitUntil(() -> mutex.hasQueuedThread(waiter), waiter,
                    () -> "the waiter's wait of one switch interval (1 ms) should have run out, but it is "
                            + waiter.getState() + (waiter.getState() == Thread.State.WAITING ? ": it waits with no"
                            + " time limit. A waiter waits on 'dropped' for one switch interval at most"
                            + " (dropped.awaitNanos(intervalNanos)), and asks for the GIL only when that runs out"
                            : ""), "take() returned while the GIL was held");
            gil.drop();     // the GIL changes hands while the waiter's interval has run out:
            gil.take();     // dropped, and taken by a new holder (the test again), switch number + 1
            WatchedLock.Pause pause = mutex.pauseNextWait(waiter);
            mutex.unlock();
            if (!pause.awaitArrived(PATIENCE)) {
                fail("after the GIL changed hands, the waiter should look again and wait another interval, but it is "
                        + waiter.getState());
            }
            asked = gil.dropRequested();
            pause.resume();
        } finally {
            if (mutex.isHeldByCurrentThread()) {
                mutex.unlock();
            }
        }
        gil.drop();
        threads.finish(waiter, "take()", "the GIL was dropped while it waited");
        assertFalse(asked, "the waiter's interval ran out, but meanwhile the GIL had changed hands (switchNumber moved),"
                + " and it still set dropRequest: that asks a holder that has only just got the GIL to let go. Remember"
                + " switchNumber before the wait and ask only if it is unchanged and the GIL still locked.");
    }

    /** A holder that only runs check points lets a waiter in: the waiter asks, the holder drops at its next check point. */
    @Test
    @DisplayName("the holder lets a waiter in at a check point")
    void theHolderLetsAWaiterIn() throws Exception {
        var gil = new MiniGil(Duration.ofMillis(1), mutex);
        var waiterIn = new AtomicBoolean();
        var holding = new CountDownLatch(1);
        Thread holder = threads.start("holder", () -> {
            gil.take();
            holding.countDown();
            try {
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (!waiterIn.get()) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError("the holder ran check points for " + PATIENCE.toSeconds() + " s and the"
                                + " waiter never got the GIL: the waiter must set dropRequest when its wait of one switch"
                                + " interval runs out, and checkPoint() must then drop the GIL");
                    }
                    gil.checkPoint();
                }
            } finally {
                gil.drop();
            }
        });
        holding.await();
        Thread waiter = threads.start("waiter", () -> {
            gil.take();
            waiterIn.set(true);
            gil.drop();
        });
        StartGate.joinAll(List.of(holder, waiter), TimeLimits.LONG);
        threads.failures.rethrow();
    }

    /** A check point with no drop request keeps the GIL, although a thread waits for it (and has not asked yet). */
    @Test
    @DisplayName("a check point with no request keeps the GIL")
    void aCheckPointWithoutARequestKeepsTheGil() throws Exception {
        var gil = new MiniGil(NEVER, mutex);
        var waiterIn = new AtomicBoolean();
        var kept = new AtomicReference<Boolean>();
        var go = new CountDownLatch(1);
        Thread holder = startHolderOfOneCheckPoint(gil, go, () -> kept.set(!waiterIn.get()));
        Thread waiter = startWaiter(gil, waiterIn);
        go.countDown();
        threads.finish(holder, "checkPoint()", "no drop request was made, so it should have returned at once");
        threads.finish(waiter, "take()", "the holder dropped the GIL after its check point");
        if (!Boolean.TRUE.equals(kept.get())) {
            fail("checkPoint() handed the GIL to a waiting thread although nobody had asked for it (dropRequest was"
                    + " false: the waiter's interval had not run out). A check point lets go only when asked:"
                    + " otherwise CPU-bound threads would switch at every check point. Return at once unless"
                    + " dropRequest is set.");
        }
    }

    /**
     * A check point that drops the GIL wakes the waiter at once: the waiter's interval here is 30 s,
     * so a waiter that is not woken sleeps through the test. (The test sets the request itself, as
     * a waiter whose interval ran out would.)
     */
    @Test
    @DisplayName("a check point that drops wakes the waiter at once")
    void aDroppingCheckPointWakesTheWaiter() throws Exception {
        var gil = new MiniGil(NEVER, mutex);
        var waiterIn = new AtomicBoolean();
        var go = new CountDownLatch(1);
        Thread holder = startHolderOfOneCheckPoint(gil, go, () -> { });
        Thread waiter = startWaiter(gil, waiterIn);
        askToDrop(gil);
        go.countDown();
        threads.finish(holder, "checkPoint()", "it was asked to drop the GIL and let go of it, but the waiter never"
                + " took it: the waiter sleeps on in its wait of one switch interval (30 s here) unless the check point"
                + " wakes it. Dropping must signal 'dropped' (drop() does), then wait on 'taken' for the switch.");
        threads.finish(waiter, "take()", "the holder dropped the GIL");
        if (!waiterIn.get()) {
            fail("checkPoint() was asked to drop the GIL and returned, but the waiter never had it");
        }
    }

    /**
     * Each time the holder is asked and reaches a check point, the GIL really changes hands: when
     * checkPoint() returns, the waiter has had it. Twenty rounds. The holder keeps the GIL's mutex
     * (re-entrantly) across its check point: a check point that waits for the switch lets go of
     * the mutex while it waits (await releases it), and one that drops the GIL and takes it straight
     * back never does, so the waiter cannot slip in first even when the scheduler would let it.
     */
    @Test
    @DisplayName("a granted request hands the GIL over, every time")
    void aGrantedRequestHandsTheGilOver() throws Exception {
        var gil = new MiniGil(Duration.ofMillis(1), mutex);
        var turns = new AtomicInteger();
        var stop = new AtomicBoolean();
        var holding = new CountDownLatch(1);
        Thread holder = threads.start("holder", () -> {
            gil.take();
            holding.countDown();
            try {
                for (int round = 1; round <= ROUNDS; round++) {
                    long deadline = System.nanoTime() + PATIENCE.toNanos();
                    while (!gil.dropRequested()) {
                        if (System.nanoTime() - deadline > 0) {
                            throw new AssertionError("round " + round + ": the waiter never asked for the GIL (no"
                                    + " dropRequest after " + PATIENCE.toSeconds() + " s): when its wait of one switch"
                                    + " interval runs out with the same holder, it must set dropRequest");
                        }
                        Thread.onSpinWait();
                    }
                    int before = turns.get();
                    mutex.lock();
                    try {
                        gil.checkPoint();
                    } finally {
                        mutex.unlock();
                    }
                    if (turns.get() == before) {
                        throw new AssertionError("round " + round + ": checkPoint() was asked to let go and returned"
                                + " without the waiter ever having had the GIL: the holder dropped it and took it straight"
                                + " back. After dropping, wait (on 'taken') until switchNumber has changed, then take().");
                    }
                }
            } finally {
                stop.set(true);
                gil.drop();
            }
        });
        holding.await();
        Thread waiter = threads.start("waiter", () -> {
            while (true) {
                gil.take();
                boolean last = stop.get();
                if (!last) {
                    turns.incrementAndGet();
                }
                gil.drop();
                if (last) {
                    return;
                }
            }
        });
        StartGate.joinAll(List.of(holder, waiter), TimeLimits.LONG);
        threads.failures.rethrow();
    }

    /**
     * Two threads that only run check points (two CPU-bound threads) take turns, again and again:
     * the one that handed the GIL over must queue up like any waiter, and ask for it back.
     */
    @Test
    @DisplayName("two threads running only check points take turns")
    void twoThreadsTakeTurns() throws Exception {
        var gil = new MiniGil(Duration.ofMillis(1), mutex);
        var switches = new AtomicInteger();
        var running = new AtomicReference<Thread>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        FailureCollector.Task spin = () -> {
            gil.take();
            try {
                while (switches.get() < 2 * ROUNDS && System.nanoTime() - deadline < 0) {
                    if (running.getAndSet(Thread.currentThread()) != Thread.currentThread()) {
                        switches.incrementAndGet();
                    }
                    gil.checkPoint();
                }
            } finally {
                gil.drop();
            }
        };
        Thread first = threads.start("cpu-1", spin);
        Thread second = threads.start("cpu-2", spin);
        StartGate.joinAll(List.of(first, second), TimeLimits.LONG);
        threads.failures.rethrow();
        if (switches.get() < 2 * ROUNDS) {
            fail("two threads that only ran check points for " + PATIENCE.toSeconds() + " s switched "
                    + switches.get() + " times, not " + 2 * ROUNDS + ": after handing the GIL over, the old holder must"
                    + " wait on 'taken' for the switch and then take() like any waiter, which asks for the GIL back"
                    + " after an interval. Waiting anywhere else (on 'dropped', say) leaves it asleep until the other"
                    + " thread drops the GIL of its own accord, which a CPU-bound thread never does.");
        }
    }

    /** A take() interrupted while it waits throws InterruptedException, and leaves the mutex free. */
    @Test
    @DisplayName("an interrupted take() throws InterruptedException")
    void anInterruptedTakeThrows() throws Throwable {
        var gil = new MiniGil(NEVER, mutex);
        gil.take();
        var outcome = new AtomicReference<Object>("nothing yet");
        Thread waiter = threads.start("waiter", () -> outcome.set(TestThreads.outcomeOf(() -> {
            gil.take();
            gil.drop();
            return "returned normally, holding the GIL";
        })));
        threads.awaitWaiting(waiter, mutex, "take() of a GIL someone holds");
        waiter.interrupt();
        threads.finish(waiter, "take()", "it was interrupted while it waited for the GIL and went on waiting", gil::drop);
        TestThreads.assertInterrupted(outcome.get(), "take()", "let awaitNanos()'s InterruptedException through");
        TestThreads.assertFree(mutex, "take()");
        gil.drop();
    }

    /**
     * Starts a holder that takes the GIL, waits for {@code go}, runs one check point, then
     * {@code after}, and drops the GIL; returns once it holds the GIL.
     */
    private Thread startHolderOfOneCheckPoint(MiniGil gil, CountDownLatch go, Runnable after)
            throws InterruptedException {
        var holding = new CountDownLatch(1);
        Thread holder = threads.start("holder", () -> {
            gil.take();
            holding.countDown();
            try {
                go.await();
                gil.checkPoint();
                after.run();
            } finally {
                gil.drop();
            }
        });
        holding.await();
        return holder;
    }

    /** Starts a waiter that takes the GIL, notes it in {@code waiterIn}, and drops it; returns once it waits. */
    private Thread startWaiter(MiniGil gil, AtomicBoolean waiterIn) {
        Thread waiter = threads.start("waiter", () -> {
            gil.take();
            waiterIn.set(true);
            gil.drop();
        });
        threads.awaitWaiting(waiter, mutex, "take() of a GIL someone holds");
        return waiter;
    }

    /** Sets the drop request, as a waiter whose interval ran out would. */
    private static void askToDrop(MiniGil gil) throws ReflectiveOperationException {
        Field request = MiniGil.class.getDeclaredField("dropRequest");
        request.setAccessible(true);
        request.setBoolean(gil, true);
    }
}
