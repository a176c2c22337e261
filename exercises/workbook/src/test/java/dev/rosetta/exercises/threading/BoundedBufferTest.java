package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code threading/bounded-buffer}. Every interleaving that matters is forced: a
 * thread counts as waiting only once it is parked on the buffer's condition (not running, not
 * queued for the lock), which the tests see through the lock they hand to the buffer.
 */
@TimeLimit(seconds = 20)
class BoundedBufferTest {
    /** How long a thread that should finish at once may take before the test calls it stuck. */
    private static final Duration STUCK = TimeLimits.scaled(Duration.ofSeconds(2));

    private final ReentrantLock lock = new ReentrantLock();
    private final FailureCollector failures = new FailureCollector();
    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stopEveryThread() throws InterruptedException {
        started.forEach(Thread::interrupt);
        StartGate.joinAll(started, TimeLimits.LONG);
    }

    /** On one thread, items come out in the order they went in. */
    @Test
    @DisplayName("one thread: first in, first out")
    void firstInFirstOut() throws Exception {
        var buffer = new BoundedBuffer<Integer>(3, lock);
        buffer.put(1);
        buffer.put(2);
        buffer.put(3);
        assertEquals(3, buffer.size());
        assertEquals(List.of(1, 2, 3), List.of(buffer.take(), buffer.take(), buffer.take()),
                "put 1, 2, 3 then took three items");
    }

    /** take() on an empty buffer waits (parked on the condition) and returns the item put later. */
    @Test
    @DisplayName("take() waits for an item")
    void takeWaitsForAnItem() throws Exception {
        var buffer = new BoundedBuffer<String>(2, lock);
        var got = new ConcurrentLinkedQueue<String>();
        Thread consumer = start("consumer", () -> got.add(buffer.take()));
        awaitParkedOnCondition(consumer, "take() on an empty buffer");
        buffer.put("hello");
        finish(consumer, "take() did not return after an item was put");
        assertEquals(List.of("hello"), List.copyOf(got));
    }

    /** put() on a full buffer waits and completes once an item has been taken. */
    @Test
    @DisplayName("put() waits for room")
    void putWaitsForRoom() throws Exception {
        var buffer = new BoundedBuffer<Integer>(1, lock);
        buffer.put(1);
        Thread producer = start("producer", () -> buffer.put(2));
        awaitParkedOnCondition(producer, "put() on a full buffer");
        assertEquals(1, buffer.take());
        finish(producer, "put() did not return after room was made");
        assertEquals(2, buffer.take());
    }

    /**
     * Two consumers wait on an empty buffer and one item is put: exactly one of them gets it and
     * the other waits on. A woken consumer must check again before it takes.
     */
    @Test
    @DisplayName("a woken consumer checks again before it takes")
    void aWokenConsumerChecksAgain() throws Exception {
        var buffer = new BoundedBuffer<String>(1, lock);
        var got = new ConcurrentLinkedQueue<String>();
        Thread first = start("consumer-1", () -> got.add(buffer.take()));
        awaitParkedOnCondition(first, "take() on an empty buffer");
        Thread second = start("consumer-2", () -> got.add(buffer.take()));
        awaitParkedOnCondition(second, "take() on an empty buffer");

        buffer.put("only");
        awaitSettled(first, second);
        long returned = (first.isAlive() ? 0 : 1) + (second.isAlive() ? 0 : 1);
        if (returned != 1 || !failures.failures().isEmpty()) {
            fail("two consumers waited on an empty buffer and one item was put, yet " + returned + " take() calls"
                    + " ended (got " + got + ", failures " + failures.failures() + "): a consumer that wakes up must"
                    + " check again that there is an item (while, not if): another consumer may have taken it first.");
        }
        buffer.put("next");
        finish(first, "take() did not return after a second item was put");
        finish(second, "take() did not return after a second item was put");
        assertEquals(Set.of("only", "next"), Set.copyOf(got));
    }

    /**
     * Two consumers wait on an empty buffer; a producer, holding the lock, puts two items into
     * a buffer of one (the second put must wait for room). The first consumer takes the first item
     * and must wake the producer, not only the other consumer: no wake-up may be lost.
     */
    @Test
    @DisplayName("no wake-up is lost when producers and consumers wait together")
    void noWakeUpIsLost() throws Exception {
        var buffer = new BoundedBuffer<String>(1, lock);
        var got = new ConcurrentLinkedQueue<String>();
        Thread first = start("consumer-1", () -> got.add(buffer.take()));
        awaitParkedOnCondition(first, "take() on an empty buffer");
        Thread second = start("consumer-2", () -> got.add(buffer.take()));
        awaitParkedOnCondition(second, "take() on an empty buffer");
        Thread producer = start("producer", () -> {
            lock.lock();        // both puts in one go: nobody takes between them
            try {
                buffer.put("a");
                buffer.put("b");
            } finally {
                lock.unlock();
            }
        });
        for (Thread t : List.of(producer, first, second)) {
            if (!t.join(STUCK)) {
                fail("lost wake-up: two consumers waited on an empty buffer of one; a producer put 'a' (waking"
                        + " one consumer) and then waited to put 'b'. The consumer took 'a' and woke just one"
                        + " waiter: the other consumer, which found the buffer empty and slept again, while the"
                        + " producer slept on beside an empty buffer (" + t.getName() + " never finished; got "
                        + got + "). Producers and consumers share one condition: wake them all (signalAll).");
            }
        }
        failures.rethrow();
        assertEquals(Set.of("a", "b"), Set.copyOf(got));
    }

    /** A capacity below one is refused. */
    @Test
    @DisplayName("capacity must be at least 1")
    void capacityMustBePositive() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new BoundedBuffer<String>(0));
        assertEquals("capacity must be at least 1, was 0", e.getMessage());
    }

    private Thread start(String name, FailureCollector.Task task) {
        Thread t = Thread.ofPlatform().name(name).start(failures.wrap(task));
        started.add(t);
        return t;
    }

    private void finish(Thread t, String problem) throws InterruptedException {
        if (!t.join(STUCK)) {
            fail(problem + " (" + t.getName() + " is still " + t.getState() + ")");
        }
        failures.rethrow();
    }

    /** Whether {@code t} is parked on a condition of the lock: waiting, and not queued for the lock itself. */
    private boolean parkedOnCondition(Thread t) {
        return t.getState() == Thread.State.WAITING && !lock.hasQueuedThread(t) && !lock.isLocked();
    }

    /** Spins until {@code t} waits on the buffer's condition; fails if it ends or never waits. */
    private void awaitParkedOnCondition(Thread t, String call) throws InterruptedException {
        long deadline = System.nanoTime() + STUCK.toNanos();
        while (!parkedOnCondition(t)) {
            if (!t.isAlive()) {
                failures.rethrow();
                fail(call + " returned at once; it should have waited");
            }
            if (System.nanoTime() > deadline) {
                fail(call + " should wait on the condition ('changed.await()'), but " + t.getName() + " is "
                        + t.getState() + " (spinning? waiting on something else?)");
            }
            Thread.onSpinWait();
        }
    }

    /** Spins until one consumer has ended and the other has either ended or is parked on the condition. */
    private void awaitSettled(Thread a, Thread b) throws InterruptedException {
        long deadline = System.nanoTime() + STUCK.toNanos();
        while (true) {
            boolean aDone = !a.isAlive();
            boolean bDone = !b.isAlive();
            if ((aDone && (bDone || parkedOnCondition(b))) || (bDone && parkedOnCondition(a))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("one item was put for two waiting consumers, but neither took it (" + a.getName() + " "
                        + a.getState() + ", " + b.getName() + " " + b.getState() + "): wake the waiters after adding");
            }
            Thread.onSpinWait();
        }
    }
}
