package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code threading/lazy-init}. The contract, one test each:
 * <ul>
 *   <li>on one thread the supplier runs once and every call returns its value;</li>
 *   <li>a thread that calls get() while another is inside the supplier waits for that value: the
 *       supplier runs once, both get the same object, neither gets null;</li>
 *   <li>eight threads released together all get the one value, round after round;</li>
 *   <li>the value read without a lock (the fast path) is safely published: that field is volatile;</li>
 *   <li>a supplier that throws: get() throws that same exception (never null), nothing is stored,
 *       no lock stays held, and the next get(), on any thread, computes again.</li>
 * </ul>
 */
@TimeLimit(seconds = 20)
class LazyTest {

    /** On one thread the supplier runs once and every call returns its value. */
    @Test
    @DisplayName("one thread: the supplier runs once")
    void computesOnceOnOneThread() {
        var calls = new AtomicInteger();
        var lazy = new Lazy<>(() -> "config #" + calls.incrementAndGet());
        assertEquals("config #1", lazy.get());
        assertEquals("config #1", lazy.get());
        assertEquals(1, calls.get(), "the supplier ran more than once on one thread");
    }

    /**
     * Two threads call get() while the first is still inside the supplier: the supplier runs once
     * and both get the same object. The interleaving is forced: the supplier does not return until
     * the second thread has called get() and is either blocked (waiting for a lock) or has called
     * the supplier too. A second call made while the first is still inside the supplier means no
     * lock around the check; one made after it means no second check under the lock.
     */
    @Test
    @DisplayName("two threads at once: the supplier runs once, both get the same value")
    void twoThreadsAtOnceComputeOnce() throws InterruptedException {
        var calls = new AtomicInteger();
        var secondCalling = new AtomicBoolean();
        var firstInside = new CountDownLatch(1);
        var firstReturned = new AtomicBoolean();
        var overlapped = new AtomicBoolean();
        var second = new AtomicReference<Thread>();
        var lazy = new Lazy<>(() -> {
            boolean firstStillInside = !firstReturned.get();    // read before counting: the first waits for the count
            if (calls.incrementAndGet() == 1) {
                firstInside.countDown();
                awaitBlockedOrCalling(second, secondCalling, calls);
                firstReturned.set(true);
            } else if (firstStillInside) {
                overlapped.set(true);
            }
            return new Object();
        });
        var failures = new FailureCollector();
        var results = new Object[2];
        Thread first = Thread.ofPlatform().name("first").start(failures.wrap(() -> results[0] = lazy.get()));
        firstInside.await();
        Thread late = Thread.ofPlatform().name("second").unstarted(failures.wrap(() -> {
            secondCalling.set(true);
            results[1] = lazy.get();
        }));
        second.set(late);
        late.start();
        StartGate.joinAll(List.of(first, late), TimeLimits.LONG);
        failures.rethrow();
        if (results[1] == null) {
            fail("get() returned null to a thread that called it while another thread was still computing the value:"
                    + " it must wait for the value (under the lock), not go by a flag set before the value is stored.");
        }
        if (calls.get() != 1 && overlapped.get()) {
            fail("the supplier ran " + calls.get() + " times, the second time while the first call was still inside"
                    + " it: a second thread called get() while the first was still computing the value, saw no value"
                    + " yet, and computed it too. Checking and computing must be one step: do them under one lock,"
                    + " and check again once you hold it.");
        }
        if (calls.get() != 1) {
            fail("the supplier ran " + calls.get() + " times, one call after the other: a second thread called get()"
                    + " while the first was computing, saw no value yet and waited for the lock; once it held the"
                    + " lock it computed again, without looking whether the first had stored a value meanwhile."
                    + " Check again once you hold the lock: the first check, before it, only tells you to take it.");
        }
        assertSame(results[0], results[1], "the two threads got different objects from get()");
    }

    /** Eight threads released together all get the one value, every round. */
    @Test
    @DisplayName("eight threads racing: one value for all")
    void manyThreadsGetOneValue() throws InterruptedException {
        for (int round = 1; round <= 20; round++) {
            var calls = new AtomicInteger();
            var lazy = new Lazy<>(() -> {
                calls.incrementAndGet();
                return new Object();
            });
            var seen = new Object[8];
            StartGate.runTogether(8, "caller", i -> seen[i] = lazy.get());
            assertEquals(1, calls.get(), "round " + round + ": the supplier ran " + calls.get() + " times for 8 threads");
            for (Object o : seen) {
                assertSame(seen[0], o, "round " + round + ": two threads got different values");
            }
        }
    }

    /** The field get() reads before it takes a lock is volatile: once published, the value is seen fully built. */
    @Test
    @DisplayName("the value read without a lock is safely published (volatile)")
    void theFastPathIsSafelyPublished() throws Exception {
        List<String> unsafe = Bytecode.unsafeReadsBeforeALock(Lazy.class, "get");
        if (!unsafe.isEmpty()) {
            fail("get() reads " + unsafe + " before it takes a lock, and that field is not volatile: another thread"
                    + " may see the reference before the object's own fields are written (a half-built value), since"
                    + " nothing orders the two writes for a reader without the lock. Declare the field volatile (or"
                    + " take the lock before reading it). No test run can show this on x86, so this test reads your"
                    + " compiled code.");
        }
    }

    /**
     * A supplier that throws: get() throws that same exception, stores nothing and holds no lock;
     * the next get(), on another thread, computes again.
     */
    @Test
    @DisplayName("a failing supplier: the exception comes through, and the next get() tries again")
    void aFailingSupplierIsNotRemembered() throws Throwable {
        var calls = new AtomicInteger();
        var failure = new IllegalStateException("cannot load the config (first try)");
        var lazy = new Lazy<>(() -> {
            if (calls.incrementAndGet() == 1) {
                throw failure;
            }
            return "config";
        });
        var threads = new TestThreads();
        var first = new AtomicReference<Object>();
        threads.finish(threads.start("first", () -> first.set(TestThreads.outcomeOf(lazy::get))), "get()",
                "the supplier threw, and get() did not end");
        if (first.get() != failure) {
            fail("the supplier threw " + failure + " and get() " + (first.get() instanceof Throwable t ? "threw " + t
                    : "returned " + first.get()) + ": let the supplier's own exception through, unchanged (never"
                    + " null, never wrapped): the caller must know the value could not be made.");
        }
        var second = new AtomicReference<Object>();
        threads.finish(threads.start("second", () -> second.set(lazy.get())), "get() after a failed first try",
                "the first get() ended with the supplier's exception and left the lock held: release it in a"
                + " finally block (synchronized does that for you)");
        assertEquals("config", second.get(), "after the supplier failed once, the next get() must call it again"
                + " (nothing was stored) and return its value");
        assertEquals(2, calls.get(), "the supplier's calls: one that threw, one that succeeded");
    }

    /** Spins until the second thread has called get() and then either blocks or calls the supplier. */
    private static void awaitBlockedOrCalling(AtomicReference<Thread> second, AtomicBoolean secondCalling,
                                              AtomicInteger calls) {
        while (true) {
            Thread t = second.get();
            if (t != null && secondCalling.get()) {
                Thread.State state = t.getState();
                if (calls.get() > 1 || state == Thread.State.BLOCKED || state == Thread.State.WAITING
                        || state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }
}
