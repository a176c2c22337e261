package dev.rosetta.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The asyncio API over the loop: gather, wait_for, timeout, TaskGroup, the synchronisers, to_thread. */
class AsyncioApiTest {
    private static final Duration FOREVER = Duration.ofHours(1);

    /** gather returns results in the order given, not the order they finish. */
    @Test
    void gatherKeepsTheOrderGiven() {
        List<String> results = Asyncio.run(() -> {
            var slow = Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ofMillis(20));
                return "slow";
            });
            var fast = Asyncio.createTask(() -> "fast");
            return Asyncio.gather(slow, fast).await();
        });
        assertEquals(List.of("slow", "fast"), results);
    }

    /** gather fails with the first exception at once, and leaves the siblings running (Python's pain). */
    @Test
    void gatherFailsFastButLeavesSiblingsRunning() {
        Asyncio.run(() -> {
            var release = new Event();
            var sibling = Asyncio.createTask(() -> {
                release.waitFor();
                return "finished after the gather failed";
            });
            var failing = Asyncio.createTask(() -> {
                throw new IllegalStateException("first failure");
            });
            var error = assertThrows(IllegalStateException.class, () -> Asyncio.gather(sibling, failing).await());
            assertEquals("first failure", error.getMessage());
            assertFalse(sibling.isDone(), "gather did not cancel the sibling");
            release.set();
            assertEquals("finished after the gather failed", sibling.await());
            return null;
        });
    }

    /** With returnExceptions, every child's outcome is in the list, exceptions included. */
    @Test
    void gatherReturnExceptionsCollectsEveryOutcome() {
        List<Object> outcomes = Asyncio.run(() -> {
            Future<Object> ok = Asyncio.createTask(() -> "ok");
            Future<Object> bad = Asyncio.createTask(() -> {
                throw new IllegalArgumentException("bad");
            });
            return Asyncio.gather(true, List.of(ok, bad)).await();
        });
        assertEquals("ok", outcomes.get(0));
        assertInstanceOf(IllegalArgumentException.class, outcomes.get(1));
    }

    /** Cancelling a gather cancels every child. */
    @Test
    void cancellingAGatherCancelsItsChildren() {
        Asyncio.run(() -> {
            var a = Asyncio.createTask(() -> {
                Asyncio.sleep(FOREVER);
                return 1;
            });
            var b = Asyncio.createTask(() -> {
                Asyncio.sleep(FOREVER);
                return 2;
            });
            var all = Asyncio.gather(a, b);
            Asyncio.sleep(Duration.ZERO);
            all.cancel();
            assertThrows(CancelledError.class, all::await);
            assertTrue(a.isCancelled() && b.isCancelled());
            return null;
        });
    }

    /** waitFor cancels the late task and waits until its cleanup has run, then throws TimeoutError. */
    @Test
    void waitForCancelsTheLateTaskAndWaitsForIt() {
        var events = new ArrayList<String>();
        Asyncio.run(() -> {
            var slow = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(FOREVER);
                } finally {
                    events.add("cleanup");
                }
                return "never";
            });
            assertThrows(TimeoutError.class, () -> Asyncio.waitFor(slow, Duration.ofMillis(10)));
            events.add("timeout seen");
            assertTrue(slow.isCancelled());
            return null;
        });
        assertEquals(List.of("cleanup", "timeout seen"), events);
    }

    /** waitFor returns the result when the work is in time. */
    @Test
    void waitForReturnsAResultInTime() {
        assertEquals("quick", Asyncio.run(() -> Asyncio.waitFor(() -> "quick", Duration.ofSeconds(10))));
    }

    /** timeout() interrupts the block at its await point and turns the cancel into TimeoutError; the task goes on. */
    @Test
    void timeoutBlockBecomesATimeoutError() {
        String after = Asyncio.run(() -> {
            assertThrows(TimeoutError.class, () -> Asyncio.timeout(Duration.ofMillis(10), () -> {
                Asyncio.sleep(FOREVER);
                return null;
            }));
            Asyncio.sleep(Duration.ZERO); // no stray cancel left behind
            return "task still alive";
        });
        assertEquals("task still alive", after);
    }

    /** In a TaskGroup the first failure cancels the siblings, and every failure is reported. */
    @Test
    void taskGroupCancelsSiblingsOnFirstFailure() {
        var events = new ArrayList<String>();
        Asyncio.run(() -> {
            var group = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(tg -> {
                tg.createTask(() -> {
                    try {
                        Asyncio.sleep(FOREVER);
                    } catch (CancelledError e) {
                        events.add("sibling cancelled");
                        throw e;
                    }
                    return null;
                });
                tg.createTask(() -> {
                    Asyncio.sleep(Duration.ZERO);
                    throw new IllegalStateException("child failed");
                });
            }));
            assertEquals(1, group.exceptions().size());
            assertEquals("child failed", group.exceptions().getFirst().getMessage());
            events.add("group done");
            Asyncio.sleep(Duration.ZERO); // the parent is not left cancelled
            return null;
        });
        assertEquals(List.of("sibling cancelled", "group done"), events);
    }

    /** A TaskGroup whose children all succeed waits for all of them. */
    @Test
    void taskGroupWaitsForEveryChild() {
        var done = new ArrayList<Integer>();
        Asyncio.run(() -> {
            TaskGroup.run(tg -> {
                for (int i = 0; i < 5; i++) {
                    int n = i;
                    tg.createTask(() -> {
                        Asyncio.sleep(Duration.ofMillis(5 - n));
                        done.add(n);
                        return null;
                    });
                }
            });
            assertEquals(5, done.size());
            return null;
        });
    }

    /** A Semaphore(2) never lets a third task in. */
    @Test
    @SuppressWarnings("try") // the permit is held for the block: Python's `async with sem:`
    void semaphoreLimitsConcurrency() {
        int[] inside = {0};
        int[] most = {0};
        Asyncio.run(() -> {
            var semaphore = new Semaphore(2);
            var tasks = new ArrayList<Task<Void>>();
            for (int i = 0; i < 10; i++) {
                tasks.add(Asyncio.createTask(() -> {
                    try (var permit = semaphore.acquire()) {
                        inside[0]++;
                        most[0] = Math.max(most[0], inside[0]);
                        Asyncio.sleep(Duration.ZERO);
                        Asyncio.sleep(Duration.ZERO);
                        inside[0]--;
                    }
                    return null;
                }));
            }
            Asyncio.gather(tasks).await();
            return null;
        });
        assertEquals(2, most[0]);
    }

    /** A bounded Queue hands items over in order and makes the producer wait (back-pressure). */
    @Test
    void boundedQueueHandsOverInOrderWithBackPressure() {
        var events = new ArrayList<String>();
        Asyncio.run(() -> {
            var queue = new Queue<Integer>(2);
            var consumer = Asyncio.createTask(() -> {
                for (int i = 0; i < 5; i++) {
                    int item = queue.get();
                    events.add("got " + item);
                    queue.taskDone();
                }
                return null;
            });
            for (int i = 0; i < 5; i++) {
                queue.put(i);
                events.add("put " + i + " size " + queue.qsize());
            }
            queue.join();
            consumer.await();
            return null;
        });
        assertEquals(List.of("put 0 size 1", "put 1 size 2", "got 0", "got 1", "put 2 size 1", "put 3 size 2",
                "got 2", "got 3", "put 4 size 1", "got 4"), events);
    }

    /** Event.set wakes every waiter. */
    @Test
    void eventWakesEveryWaiter() {
        int woken = Asyncio.run(() -> {
            var event = new Event();
            var waiters = new ArrayList<Task<Integer>>();
            for (int i = 0; i < 3; i++) {
                waiters.add(Asyncio.createTask(() -> {
                    event.waitFor();
                    return 1;
                }));
            }
            Asyncio.sleep(Duration.ZERO);
            event.set();
            return Asyncio.gather(waiters).await().stream().mapToInt(Integer::intValue).sum();
        });
        assertEquals(3, woken);
    }

    /** toThread runs blocking work on a pool thread while the loop keeps running other tasks. */
    @Test
    void toThreadKeepsTheLoopRunning() {
        var events = new ArrayList<String>();
        String thread = Asyncio.run(() -> {
            var loopAlive = new CountDownLatch(1);
            var ticker = Asyncio.createTask(() -> {
                events.add("ticker ran while the blocking call waited");
                loopAlive.countDown();
                return null;
            });
            String where = Asyncio.toThread(() -> {
                loopAlive.await(); // blocks until the loop has run the ticker: impossible if the loop were blocked
                return Thread.currentThread().getName();
            });
            ticker.await();
            return where;
        });
        assertTrue(thread.startsWith("asyncio-to-thread-"), thread);
        assertEquals(List.of("ticker ran while the blocking call waited"), events);
    }

    /** A timeout block that finishes in time returns its value and leaves no cancel behind. */
    @Test
    void timeoutBlockInTimeLeavesNoCancelBehind() {
        String after = Asyncio.run(() -> {
            String value = Asyncio.timeout(Duration.ofMillis(5), () -> "in time");
            Asyncio.sleep(Duration.ofMillis(20)); // past the deadline: the timer was cancelled
            return value;
        });
        assertEquals("in time", after);
    }

    /** A waiter cancelled while queued for a semaphore passes on the permit it was handed. */
    @Test
    @SuppressWarnings("try") // the permit is held for the block: Python's `async with sem:`
    void aCancelledSemaphoreWaiterDoesNotLoseAPermit() {
        Asyncio.run(() -> {
            var semaphore = new Semaphore(1);
            var held = semaphore.acquire();
            var waiter = Asyncio.createTask(() -> {
                try (var permit = semaphore.acquire()) {
                    return "got it";
                }
            });
            Asyncio.sleep(Duration.ZERO); // the waiter queues
            held.close();                 // hands the permit to the waiter ...
            waiter.cancel();              // ... which is cancelled before it runs
            assertThrows(CancelledError.class, waiter::await);
            try (var again = semaphore.acquire()) { // the permit was passed on, not lost
                assertTrue(semaphore.locked());
            }
            assertFalse(semaphore.locked());
            return null;
        });
    }

    /** Queue.getNowait / putNowait raise QueueEmpty / QueueFull. */
    @Test
    void nowaitVariantsRaise() {
        Asyncio.run(() -> {
            var queue = new Queue<String>(1);
            assertThrows(Queue.QueueEmpty.class, queue::getNowait);
            queue.putNowait("a");
            assertThrows(Queue.QueueFull.class, () -> queue.putNowait("b"));
            assertEquals("a", queue.getNowait());
            return null;
        });
    }
}
