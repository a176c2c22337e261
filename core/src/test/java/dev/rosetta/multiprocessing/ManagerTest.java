package dev.rosetta.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.FutureTask;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link Manager} against CPython 3.11's {@code multiprocessing.Manager()}, fact by fact. */
class ManagerTest {
    private static final Duration BRIEF = Duration.ofMillis(20);

    /** dict: d[k] = v, d[k], d.get(k), k in d, len(d), copy; a missing key raises KeyError's twin. */
    @Test
    void dictAsCPython() throws Exception {
        try (var m = new Manager()) {
            var d = m.<String, Integer>dict();
            d.set("a", 1);
            assertEquals(1, d.getItem("a"));
            assertNull(d.get("b"), "d.get('b') is None");
            assertEquals(7, d.get("b", 7));
            assertTrue(d.contains("a"));
            assertEquals(1, d.len());
            assertEquals(Map.of("a", 1), d.copy());
            var e = assertThrows(NoSuchElementException.class, () -> d.getItem("zz"));
            assertEquals("KeyError: zz", e.getMessage());
            assertEquals(1, d.pop("a"));
            assertEquals(0, d.len());
        }
    }

    /** Worker processes add to one dict under one manager lock: no update is lost. */
    @Test
    void workersShareADictUnderALock() throws Exception {
        try (var m = new Manager(); var pool = new Pool(2)) {
            var counts = m.<String, Integer>dict();
            var lock = m.lock();
            pool.map(x -> {
                try (var held = lock.hold()) {
                    counts.set("n", counts.get("n", 0) + 1);
                }
                return x;
            }, IntStream.range(0, 20).boxed().toList(), 1);
            assertEquals(20, counts.getItem("n"));
        }
    }

    /** list: append (from workers too), l[i], len, list(l); a bad index raises IndexError's twin. */
    @Test
    void listAsCPython() throws Exception {
        try (var m = new Manager(); var pool = new Pool(1)) {
            var l = m.list(List.of(1));
            pool.map(x -> {
                l.append(x);
                return x;
            }, List.of(2));
            assertEquals(1, l.get(0));
            assertEquals(2, l.len());
            assertEquals(List.of(1, 2), l.copy());
            l.set(0, 9);
            assertEquals(List.of(9, 2), l.copy());
            assertThrows(IndexOutOfBoundsException.class, () -> l.get(5));
        }
    }

    /** Lock: releasing it unheld raises RuntimeError's twin with Python's words; acquire(timeout) on a held lock is false. */
    @Test
    void lockAsCPython() throws Exception {
        try (var m = new Manager()) {
            var lock = m.lock();
            assertEquals("release unlocked lock", assertThrows(IllegalMonitorStateException.class, lock::release).getMessage());
            assertTrue(lock.acquire(BRIEF));
            assertFalse(lock.acquire(BRIEF), "not reentrant: a second acquire waits, and times out");
            var otherThread = new FutureTask<>(() -> {
                lock.release(); // Python's Lock may be released by any thread
                return true;
            });
            Thread.ofPlatform().start(otherThread).join();
            assertTrue(otherThread.get());
            assertTrue(lock.acquire(BRIEF));
            lock.release();
        }
    }

    /** RLock: its holder takes it again; another thread cannot release it ("cannot release un-acquired lock"). */
    @Test
    void rlockAsCPython() throws Exception {
        try (var m = new Manager()) {
            var rlock = m.rlock();
            rlock.acquire();
            assertTrue(rlock.acquire(BRIEF), "the holder takes it again");
            var otherThread = new FutureTask<>(() -> assertThrows(IllegalMonitorStateException.class, rlock::release));
            Thread.ofPlatform().start(otherThread).join();
            assertEquals("cannot release un-acquired lock", otherThread.get().getMessage());
            rlock.release();
            rlock.release();
            assertThrows(IllegalMonitorStateException.class, rlock::release);
        }
    }

    /** Semaphore(2): two acquires, the third times out; releasing beyond the start value is allowed. */
    @Test
    void semaphoreAsCPython() throws Exception {
        try (var m = new Manager()) {
            var s = m.semaphore(2);
            assertTrue(s.acquire(BRIEF));
            assertTrue(s.acquire(BRIEF));
            assertFalse(s.acquire(BRIEF));
            s.release();
            s.release();
            s.release();
        }
    }

    /** Event: wait(timeout) returns the flag; a worker process waiting for it is woken by set(). */
    @Test
    void eventAsCPython() throws Exception {
        try (var m = new Manager(); var pool = new Pool(1)) {
            var event = m.event();
            assertFalse(event.isSet());
            assertFalse(event.await(BRIEF));
            AsyncResult<Boolean> waiter = pool.applyAsync(x -> event.await(Duration.ofSeconds(60)), 0);
            event.set();
            assertTrue(waiter.get(), "the worker was woken");
            assertTrue(event.isSet());
            assertTrue(event.await(BRIEF));
            event.clear();
            assertFalse(event.isSet());
        }
    }

    /** Barrier: wait returns arrival indices 0..parties-1; a timeout breaks it (BrokenBarrierError's twin). */
    @Test
    void barrierAsCPython() throws Exception {
        try (var m = new Manager(); var pool = new Pool(1)) {
            assertEquals(0, m.barrier(1).await(), "Barrier(1).wait() is 0");

            var two = m.barrier(2);
            AsyncResult<Integer> worker = pool.applyAsync(x -> two.await(Duration.ofSeconds(60)), 0);
            int mine = two.await(Duration.ofSeconds(60));
            assertEquals(Set.of(0, 1), Set.of(mine, worker.get()));

            var alone = m.barrier(2);
            assertThrows(BrokenBarrierException.class, () -> alone.await(BRIEF));
            assertTrue(alone.broken());
        }
    }

    /** Value and Array: read and written whole, from a worker too. */
    @Test
    void valueAndArray() throws Exception {
        try (var m = new Manager(); var pool = new Pool(1)) {
            var v = m.value(5);
            assertEquals(5, v.value());
            pool.map(x -> {
                v.value(v.value() + x);
                return x;
            }, List.of(1));
            assertEquals(6, v.value());

            var a = m.array(List.of(1, 2, 3));
            assertEquals(1, a.get(0));
            assertEquals(3, a.len());
            a.set(1, 9);
            assertEquals(List.of(1, 9, 3), a.copy());
        }
    }
}
