package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.TimeLimit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code threading/bounded-buffer}. The contract, one test each:
 * <ul>
 *   <li>on one thread, items come out in the order they went in (first in, first out);</li>
 *   <li>take() on an empty buffer waits, on the condition, until an item is put;</li>
 *   <li>put() on a full buffer waits, on the condition, until an item is taken;</li>
 *   <li>two consumers wait and one item comes: exactly one takes it, the other waits on (a woken thread checks again);</li>
 *   <li>two producers wait on a full buffer and one item is taken: exactly one puts, the buffer never holds more than its capacity;</li>
 *   <li>a wake-up for no reason (a spurious wake-up) changes nothing: the waiter checks again and waits on (while, not if);</li>
 *   <li>no wake-up is lost when producers and consumers wait on the one condition (signalAll, not signal);</li>
 *   <li>two items put while two consumers wait reach both of them; two items taken while two producers wait let both in;</li>
 *   <li>a put() or take() interrupted while it waits ends with InterruptedException, adds or removes nothing,
 *       and leaves the lock free;</li>
 *   <li>a capacity below one is refused.</li>
 * </ul>
 * Every interleaving is forced: a thread counts as waiting only once it is parked on a condition of
 * the lock the test hands to the buffer, and the test holds that lock where a wake-up could slip in.
 */
@TimeLimit(seconds = 20)
class BoundedBufferTest {
    private final WatchedLock lock = new WatchedLock();
    private final TestThreads threads = new TestThreads();

    @AfterEach
    void stopEveryThread() throws InterruptedException {
        threads.stopAll();
    }

    /** On one thread, items come out in the order they went in. */
    @Test
    @DisplayName("one thread: first in, first out")
    void firstInFirstOut() throws Exception {
        var buffer = new BoundedBuffer<Integer>(3, lock);
        buffer.put(1);
        buffer.put(2);
        buffer.put(3);
        assertEquals(3, buffer.size(), "size() after putting 3 items into a buffer of 3");
        assertEquals(List.of(1, 2, 3), List.of(buffer.take(), buffer.take(), buffer.take()),
                "put 1, 2, 3 then took three items: a queue hands them out first in, first out");
        assertEquals(0, buffer.size(), "size() after taking every item");
    }

    /** take() on an empty buffer waits (parked on the condition) and returns the item put later. */
    @Test
    @DisplayName("take() waits for an item")
    void takeWaitsForAnItem() throws Exception {
        var buffer = new BoundedBuffer<String>(2, lock);
        var got = new ConcurrentLinkedQueue<String>();
        Thread consumer = threads.start("consumer", () -> got.add(buffer.take()));
        threads.awaitWaiting(consumer, lock, "take() on an empty buffer");
        buffer.put("hello");
        threads.finish(consumer, "take()", "an item was put while it waited, and nothing woke it: after adding,"
                + " wake the threads waiting on 'changed'");
        assertEquals(List.of("hello"), List.copyOf(got));
    }

    /** put() on a full buffer waits and completes once an item has been taken. */
    @Test
    @DisplayName("put() waits for room")
    void putWaitsForRoom() throws Exception {
        var buffer = new BoundedBuffer<Integer>(1, lock);
        buffer.put(1);
        Thread producer = threads.start("producer", () -> buffer.put(2));
        threads.awaitWaiting(producer, lock, "put() on a full buffer");
        assertEquals(1, buffer.take());
        threads.finish(producer, "put()", "an item was taken while it waited for room, and nothing woke it: take()"
                + " must wake the threads waiting on 'changed' too");
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
        Thread first = threads.start("consumer-1", () -> got.add(buffer.take()));
        threads.awaitWaiting(first, lock, "take() on an empty buffer");
        Thread second = threads.start("consumer-2", () -> got.add(buffer.take()));
        threads.awaitWaiting(second, lock, "take() on an empty buffer");

        buffer.put("only");
        awaitOneEndedOtherWaiting(first, second, "one item was put for two waiting consumers");
        if (!threads.failures.failures().isEmpty()) {
            fail("two consumers waited on an empty buffer and one item was put; one took it, and the other failed"
                    + " (" + threads.failures.failures().getFirst().getMessage() + "): a consumer that wakes up must"
                    + " check again that there is an item (while, not if): another consumer may have taken it first.");
        }
        buffer.put("next");
        threads.finish(first, "take()", "a second item was put while it waited");
        threads.finish(second, "take()", "a second item was put while it waited");
        assertEquals(Set.of("only", "next"), Set.copyOf(got));
    }

    /**
     * Two producers wait on a full buffer and one item is taken: exactly one of them puts, and the
     * buffer never holds more than its capacity.
     */
    @Test
    @DisplayName("a woken producer checks again: never more than the capacity")
    void aWokenProducerChecksAgain() throws Exception {
        var buffer = new BoundedBuffer<String>(1, lock);
        buffer.put("full");
        Thread first = threads.start("producer-1", () -> buffer.put("a"));
        threads.awaitWaiting(first, lock, "put() on a full buffer");
        Thread second = threads.start("producer-2", () -> buffer.put("b"));
        threads.awaitWaiting(second, lock, "put() on a full buffer");

        assertEquals("full", buffer.take());
        awaitOneEndedOtherWaiting(first, second, "one item was taken from a full buffer of 1 with two producers waiting");
        assertEquals(1, buffer.size(), "capacity exceeded: two producers waited on a full buffer of 1 and one item was"
                + " taken, yet the buffer now holds " + buffer.size() + ". A producer that wakes up must check again"
                + " that there is room (while, not if): another producer may have filled it first.");
        buffer.take();
        threads.finish(first, "put()", "room was made again while it waited");
        threads.finish(second, "put()", "room was made again while it waited");
    }

    /** Waiters woken for no reason (the JDK allows it, and so does Python) check again and wait on. */
    @Test
    @DisplayName("a spurious wake-up changes nothing")
    void aSpuriousWakeUpChangesNothing() throws Exception {
        var empty = new BoundedBuffer<String>(1, lock);
        var full = new BoundedBuffer<String>(1, lock);
        full.put("full");
        var got = new AtomicReference<String>();
        Thread consumer = threads.start("consumer", () -> got.set(empty.take()));
        threads.awaitWaiting(consumer, lock, "take() on an empty buffer");
        Thread producer = threads.start("producer", () -> full.put("one too many"));
        threads.awaitWaiting(producer, lock, "put() on a full buffer");

        lock.wakeForNoReason();
        threads.awaitUntil(() -> (lock.waitsOnACondition(consumer) || !consumer.isAlive())
                        && (lock.waitsOnACondition(producer) || !producer.isAlive()), null,
                () -> "after a spurious wake-up, the consumer or the producer neither waits again nor ends", "");
        if (!consumer.isAlive() || !producer.isAlive() || full.size() > 1) {
            fail("a spurious wake-up (a waiter woken with nothing changed, which await() is allowed to do) made "
                    + (consumer.isAlive() ? "" : "take() on an empty buffer return (" + got.get() + ", "
                    + threads.failures.failures() + ") ") + (producer.isAlive() ? "" : "put() on a full buffer of 1"
                    + " return (size now " + full.size() + ")") + ": wait in a loop, while (not if) the buffer is"
                    + " empty / full.");
        }
        empty.put("release");
        full.take();
        threads.finish(consumer, "take()", "an item was put while it waited");
        threads.finish(producer, "put()", "an item was taken while it waited");
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
        Thread first = threads.start("consumer-1", () -> got.add(buffer.take()));
        threads.awaitWaiting(first, lock, "take() on an empty buffer");
        Thread second = threads.start("consumer-2", () -> got.add(buffer.take()));
        threads.awaitWaiting(second, lock, "take() on an empty buffer");
        Thread producer = threads.start("producer", () -> {
            lock.lock();        // both puts in one go: nobody takes between them
            try {
                buffer.put("a");
                buffer.put("b");
            } finally {
                lock.unlock();
            }
        });
        String why = "lost wake-up: two consumers waited on an empty buffer of one; a producer put 'a' (waking one"
                + " consumer) and then waited to put 'b'. The consumer took 'a' and woke just one waiter: the other"
                + " consumer, which found the buffer empty and slept again, while the producer slept on beside an"
                + " empty buffer. Producers and consumers share one condition: wake them all (signalAll)";
        threads.finish(producer, "put('b')", why + " (got " + got + ")");
        threads.finish(first, "take()", why);
        threads.finish(second, "take()", why);
        assertEquals(Set.of("a", "b"), Set.copyOf(got));
    }

    /** Two consumers wait; two items are put in one go (into a buffer of 3): both consumers get one. */
    @Test
    @DisplayName("two items for two waiting consumers: both get one")
    void twoItemsReachTwoConsumers() throws Exception {
        var buffer = new BoundedBuffer<String>(3, lock);
        var got = new ConcurrentLinkedQueue<String>();
        Thread first = threads.start("consumer-1", () -> got.add(buffer.take()));
        threads.awaitWaiting(first, lock, "take() on an empty buffer");
        Thread second = threads.start("consumer-2", () -> got.add(buffer.take()));
        threads.awaitWaiting(second, lock, "take() on an empty buffer");
        lock.lock();        // both puts in one go: no consumer runs between them
        try {
            buffer.put("a");
            buffer.put("b");
        } finally {
            lock.unlock();
        }
        String why = "two consumers waited and two items were put in one go, but one consumer was never woken"
                + " (got " + got + "): every put must wake the waiters, not only the put that makes the buffer"
                + " non-empty; with one shared condition, signalAll()";
        threads.finish(first, "take()", why);
        threads.finish(second, "take()", why);
        assertEquals(Set.of("a", "b"), Set.copyOf(got));
    }

    /** Two producers wait on a full buffer of 3; two items are taken in one go: both producers get in. */
    @Test
    @DisplayName("two takes for two waiting producers: both get in")
    void twoTakesLetTwoProducersIn() throws Exception {
        var buffer = new BoundedBuffer<String>(3, lock);
        buffer.put("x");
        buffer.put("y");
        buffer.put("z");
        Thread first = threads.start("producer-1", () -> buffer.put("a"));
        threads.awaitWaiting(first, lock, "put() on a full buffer");
        Thread second = threads.start("producer-2", () -> buffer.put("b"));
        threads.awaitWaiting(second, lock, "put() on a full buffer");
        lock.lock();        // both takes in one go: no producer runs between them
        try {
            assertEquals(List.of("x", "y"), List.of(buffer.take(), buffer.take()));
        } finally {
            lock.unlock();
        }
        String why = "two producers waited on a full buffer and two items were taken in one go, but one producer was"
                + " never woken: every take must wake the waiters, not only the take that makes room in a full"
                + " buffer; with one shared condition, signalAll()";
        threads.finish(first, "put()", why);
        threads.finish(second, "put()", why);
        assertEquals(3, buffer.size());
    }

    /** take() interrupted while it waits on an empty buffer throws InterruptedException and leaves the lock free. */
    @Test
    @DisplayName("an interrupted take() throws InterruptedException and holds nothing")
    void anInterruptedTakeThrows() throws Throwable {
        var buffer = new BoundedBuffer<String>(1, lock);
        var outcome = new AtomicReference<Object>("nothing yet");
        Thread consumer = threads.start("consumer", () -> outcome.set(TestThreads.outcomeOf(buffer::take)));
        threads.awaitWaiting(consumer, lock, "take() on an empty buffer");
        consumer.interrupt();
        threads.finish(consumer, "take()", "it was interrupted while it waited on an empty buffer and went on waiting:"
                + " let await()'s InterruptedException through (do not catch it to wait again)", () -> buffer.put("release"));
        TestThreads.assertInterrupted(outcome.get(), "take()", "let await()'s InterruptedException through");
        TestThreads.assertFree(lock, "take()");
        buffer.put("after");
        assertEquals("after", buffer.take(), "the buffer after an interrupted take()");
    }

    /** put() interrupted while it waits on a full buffer throws InterruptedException, adds nothing, and leaves the lock free. */
    @Test
    @DisplayName("an interrupted put() throws InterruptedException, adds nothing and holds nothing")
    void anInterruptedPutThrows() throws Throwable {
        var buffer = new BoundedBuffer<String>(1, lock);
        buffer.put("full");
        var outcome = new AtomicReference<Object>("nothing yet");
        Thread producer = threads.start("producer", () -> outcome.set(TestThreads.outcomeOf(() -> {
            buffer.put("interrupted");
            return "returned normally";
        })));
        threads.awaitWaiting(producer, lock, "put() on a full buffer");
        producer.interrupt();
        threads.finish(producer, "put()", "it was interrupted while it waited on a full buffer and went on waiting:"
                + " let await()'s InterruptedException through (do not catch it to wait again)", buffer::take);
        TestThreads.assertInterrupted(outcome.get(), "put()", "let await()'s InterruptedException through");
        TestThreads.assertFree(lock, "put()");
        assertEquals(List.of("full"), List.of(buffer.take()), "the interrupted put() must not have added its item");
        assertEquals(0, buffer.size(), "the interrupted put() must not have added its item");
    }

    /** A capacity below one is refused. */
    @Test
    @DisplayName("capacity must be at least 1")
    void capacityMustBePositive() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BoundedBuffer<String>(0));
        assertEquals("capacity must be at least 1, was 0", e.getMessage());
    }

    /** Waits until one of two threads has ended and the other waits on the condition again. */
    private void awaitOneEndedOtherWaiting(Thread a, Thread b, String scenario) {
        threads.awaitUntil(() -> (!a.isAlive() && (!b.isAlive() || lock.waitsOnACondition(b)))
                        || (!b.isAlive() && lock.waitsOnACondition(a)), null,
                () -> scenario + ", but neither call returned (" + a.getName() + " " + a.getState() + ", " + b.getName()
                        + " " + b.getState() + "): wake the waiters after changing the buffer", "");
    }
}
