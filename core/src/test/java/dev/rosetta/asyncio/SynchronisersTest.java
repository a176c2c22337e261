package dev.rosetta.asyncio;

import static dev.rosetta.asyncio.LoopSteps.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lock, Condition, BoundedSemaphore and Barrier, each fact checked against CPython 3.11's asyncio
 * (what Python printed is in each test's javadoc). Orders are forced with loop steps.
 */
@SuppressWarnings("try") // locks held for a block: Python's `async with`
class SynchronisersTest {

    /** Lock.release() unlocked raises RuntimeError('Lock is not acquired.'); any task may release it. */
    @Test
    void lockHasNoOwner() {
        Asyncio.run(() -> {
            var lock = new Lock();
            var error = assertThrows(IllegalStateException.class, lock::release);
            assertEquals("Lock is not acquired.", error.getMessage());
            lock.acquire();
            Asyncio.createTask(() -> {
                lock.release();
                return null;
            }).await();
            assertFalse(lock.locked(), "another task could not release the lock; Python's has no owner");
            return null;
        });
    }

    /** Waiters get the lock first come, first served: [0, 1, 2]. */
    @Test
    void lockServesWaitersInOrder() {
        List<Integer> order = Asyncio.run(() -> {
            var lock = new Lock();
            var seen = new ArrayList<Integer>();
            lock.acquire();
            var tasks = new ArrayList<Task<Object>>();
            for (int i = 0; i < 3; i++) {
                int id = i;
                tasks.add(Asyncio.createTask(() -> {
                    try (var held = lock.acquire()) {
                        seen.add(id);
                        Asyncio.sleep(Duration.ZERO); // holding it across an await: the others must wait
                    }
                    return null;
                }));
            }
            steps(1);
            lock.release();
            Asyncio.gather(tasks).await();
            return seen;
        });
        assertEquals(List.of(0, 1, 2), order);
    }

    /** The lock is not re-entrant: a task acquiring it twice waits until someone releases it. */
    @Test
    void lockDoesNotReenter() {
        Asyncio.run(() -> {
            var lock = new Lock();
            var twice = Asyncio.createTask(() -> {
                lock.acquire();
                lock.acquire();
                return "second acquire returned";
            });
            steps(2);
            assertFalse(twice.isDone(), "the second acquire by the same task did not wait: the lock re-entered");
            lock.release();
            assertEquals("second acquire returned", twice.await());
            return null;
        });
    }

    /** wait() and notify() without the lock raise RuntimeError, with Python's messages. */
    @Test
    void conditionNeedsTheLock() {
        Asyncio.run(() -> {
            var cond = new Condition();
            assertEquals("cannot wait on un-acquired lock",
                    assertThrows(IllegalStateException.class, cond::waitFor).getMessage());
            assertEquals("cannot notify on un-acquired lock",
                    assertThrows(IllegalStateException.class, cond::notifyWaiters).getMessage());
            return null;
        });
    }

    /** wait_for(lambda: n >= i) wakes each waiter only once its predicate holds, after notify_all. */
    @Test
    void waitForRechecksThePredicate() {
        var woke = new ArrayList<String>();
        Asyncio.run(() -> {
            var cond = new Condition();
            int[] n = {0};
            var waiters = new ArrayList<Task<Object>>();
            for (int i = 1; i <= 3; i++) {
                int need = i;
                waiters.add(Asyncio.createTask(() -> {
                    try (var held = cond.acquire()) {
                        cond.waitFor(() -> n[0] >= need);
                        woke.add("waiter " + need + " at n=" + n[0]);
                    }
                    return null;
                }));
            }
            steps(1);
            for (int k = 1; k <= 3; k++) {
                try (var held = cond.acquire()) {
                    n[0] = k;
                    cond.notifyAllWaiters(); // wakes all three; the predicate sends back the early ones
                }
                steps(2);
            }
            Asyncio.gather(waiters).await();
            return null;
        });
        assertEquals(List.of("waiter 1 at n=1", "waiter 2 at n=2", "waiter 3 at n=3"), woke);
    }

    /** notify(2) wakes the two longest waiting: [0, 1]; then notify() the third. */
    @Test
    void notifyWakesTheFirstN() {
        Asyncio.run(() -> {
            var cond = new Condition();
            var woken = new ArrayList<Integer>();
            var waiters = new ArrayList<Task<Object>>();
            for (int i = 0; i < 3; i++) {
                int id = i;
                waiters.add(Asyncio.createTask(() -> {
                    try (var held = cond.acquire()) {
                        cond.waitFor();
                        woken.add(id);
                    }
                    return null;
                }));
            }
            steps(1);
            try (var held = cond.acquire()) {
                cond.notifyWaiters(2);
            }
            steps(2);
            assertEquals(List.of(0, 1), woken);
            try (var held = cond.acquire()) {
                cond.notifyWaiters();
            }
            Asyncio.gather(waiters).await();
            assertEquals(List.of(0, 1, 2), woken);
            return null;
        });
    }

    /** A waiter cancelled in wait() holds the lock again when its CancelledError arrives. */
    @Test
    void aCancelledWaiterTakesTheLockBack() {
        Asyncio.run(() -> {
            var cond = new Condition();
            boolean[] heldWhenCancelled = {false};
            var waiter = Asyncio.createTask(() -> {
                try (var held = cond.acquire()) {
                    try {
                        cond.waitFor();
                    } catch (CancelledError e) {
                        heldWhenCancelled[0] = cond.locked();
                        throw e;
                    }
                }
                return null;
            });
            steps(1);
            waiter.cancel();
            assertThrows(CancelledError.class, waiter::await);
            assertTrue(heldWhenCancelled[0], "the cancelled waiter's CancelledError arrived without the lock");
            assertFalse(cond.locked(), "the lock stayed held after the waiter left its block");
            return null;
        });
    }

    /** BoundedSemaphore over-released raises ValueError; a plain Semaphore takes the extra permit silently. */
    @Test
    void boundedSemaphoreRefusesAnExtraRelease() {
        Asyncio.run(() -> {
            var bounded = new BoundedSemaphore(1);
            var error = assertThrows(IllegalArgumentException.class, bounded::release);
            assertEquals("BoundedSemaphore released too many times", error.getMessage());
            try (var permit = bounded.acquire()) {
                assertTrue(bounded.locked());
            }
            assertFalse(bounded.locked(), "a permit's release within the bound was refused");

            var plain = new Semaphore(1);
            plain.release(); // Python: value now 2
            plain.acquire();
            plain.acquire();
            assertTrue(plain.locked(), "Semaphore(1) released once too often should hold 2 permits");
            assertEquals("Semaphore initial value must be >= 0, was -1",
                    assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1)).getMessage());
            return null;
        });
    }

    /** Barrier(3).wait() returns arrival indexes 0, 1, 2, and the barrier is reusable. */
    @Test
    void barrierReleasesAllWithArrivalIndexes() {
        Asyncio.run(() -> {
            var barrier = new Barrier(3);
            assertEquals(List.of(3, 0, false), List.of(barrier.parties(), barrier.nWaiting(), barrier.broken()));
            for (int round = 0; round < 2; round++) {
                var tasks = new ArrayList<Task<Integer>>();
                for (int i = 0; i < 3; i++) {
                    tasks.add(Asyncio.createTask(barrier::waitFor));
                }
                assertEquals(List.of(0, 1, 2), Asyncio.gather(tasks).await(), "round " + round);
            }
            assertEquals("parties must be > 0",
                    assertThrows(IllegalArgumentException.class, () -> new Barrier(0)).getMessage());
            return null;
        });
    }

    /** abort(): waiters get BrokenBarrierError('Abort or reset of barrier'), later waits 'Barrier aborted'; reset() mends it. */
    @Test
    void abortBreaksTheBarrier() {
        Asyncio.run(() -> {
            var barrier = new Barrier(3);
            var waiters = List.of(Asyncio.createTask(barrier::waitFor), Asyncio.createTask(barrier::waitFor));
            steps(1);
            assertEquals(2, barrier.nWaiting());
            barrier.abort();
            for (var waiter : waiters) {
                assertEquals("Abort or reset of barrier",
                        assertThrows(BrokenBarrierError.class, waiter::await).getMessage());
            }
            assertTrue(barrier.broken());
            assertEquals("Barrier aborted", assertThrows(BrokenBarrierError.class, barrier::waitFor).getMessage());
            barrier.reset();
            assertFalse(barrier.broken(), "reset() did not mend an aborted barrier");
            return null;
        });
    }

    /** A cancelled waiter leaves without breaking it (n_waiting 1, broken False); reset() sends waiters away. */
    @Test
    void cancelAndResetAtTheBarrier() {
        Asyncio.run(() -> {
            var barrier = new Barrier(3);
            var first = Asyncio.createTask(barrier::waitFor);
            var second = Asyncio.createTask(barrier::waitFor);
            steps(1);
            first.cancel();
            steps(1);
            assertEquals(1, barrier.nWaiting());
            assertFalse(barrier.broken(), "a cancelled waiter broke the barrier; CPython's does not");
            assertFalse(second.isDone(), "the other waiter was sent away by a cancel");
            barrier.reset();
            assertThrows(BrokenBarrierError.class, second::await);
            assertFalse(barrier.broken(), "reset() left the barrier broken");
            var again = List.of(Asyncio.createTask(barrier::waitFor), Asyncio.createTask(barrier::waitFor),
                    Asyncio.createTask(barrier::waitFor));
            assertEquals(List.of(0, 1, 2), Asyncio.gather(again).await(), "the barrier is not usable after reset()");
            return null;
        });
    }
}
