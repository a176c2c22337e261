package dev.rosetta.testkit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadReportTest {

    /** A deadlock of two threads is reported as one cycle naming both threads and who holds what. */
    @Test
    void namesTheDeadlockCycle() throws InterruptedException {
        Deadlock deadlock = Deadlock.start();
        try {
            await().atMost(TimeLimits.LONG).until(() -> !ThreadReport.deadlocks().isEmpty());
            String report = ThreadReport.of(deadlock.threads());

            assertTrue(report.contains("DEADLOCK: a cycle of 2 threads"), report);
            assertTrue(report.contains("\"left\" waits for ReentrantLock$NonfairSync@"), report);
            assertTrue(report.contains("held by \"right\""), report);
            assertTrue(report.contains("\"right\" waits for"), report);
            assertTrue(report.contains("held by \"left\""), report);
            assertTrue(report.contains("one global order"), report);
        } finally {
            deadlock.end();
        }
        assertEquals("", ThreadReport.deadlocks(), "after the interrupt no cycle is left");
    }

    /** A waiting thread's line says what it waits on and shows the project's frame that waits. */
    @Test
    void showsWhatAWaitingThreadWaitsFor() throws InterruptedException {
        var never = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().name("waiter").start(() -> awaitQuietly(never));
        try {
            await().atMost(TimeLimits.LONG).until(() -> waiter.getState() == Thread.State.WAITING);
            String report = ThreadReport.hang(List.of(waiter));

            assertTrue(report.startsWith("what the waiting threads wait for:\n  \"waiter\" waits in"
                    + " dev.rosetta.testkit.ThreadReportTest.awaitQuietly(ThreadReportTest.java:"), report);
            assertTrue(report.contains("for a CountDownLatch to reach zero: someone must call countDown"), report);
            assertTrue(report.contains("Nobody is running who could bring it"), report);
            assertTrue(report.contains("\n1 thread:\n"), report);
            assertTrue(report.contains("\"waiter\" WAITING waiting on CountDownLatch$Sync@"), report);
            assertTrue(report.contains("at dev.rosetta.testkit.ThreadReportTest.awaitQuietly(ThreadReportTest.java"), report);
        } finally {
            never.countDown();
            waiter.join();
        }
    }

    /**
     * A consumer blocked on an empty queue while a producer still runs: the report names the
     * call that hung and what it waits for, and does not claim that nobody could bring it.
     */
    @Test
    void namesTheMissingCounterpartOfABlockedCall() throws InterruptedException {
        var queue = new java.util.concurrent.ArrayBlockingQueue<String>(1);
        var producerRunning = new CountDownLatch(1);
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread consumer = Thread.ofPlatform().name("consumer").start(() -> takeQuietly(queue));
        Thread producer = Thread.ofPlatform().name("producer").start(() -> {
            producerRunning.countDown();
            while (!stop.get()) {
                Thread.onSpinWait();
            }
        });
        try {
            producerRunning.await();
            await().atMost(TimeLimits.LONG).until(() -> consumer.getState() == Thread.State.WAITING);
            String report = ThreadReport.hang(List.of(consumer, producer));

            assertTrue(report.contains("\"consumer\" waits in dev.rosetta.testkit.ThreadReportTest.takeQuietly("
                    + "ThreadReportTest.java:"), report);
            assertTrue(report.contains("for an item in a queue: someone must put one"), report);
            assertTrue(!report.contains("Nobody is running"), "the producer is still running:\n" + report);
        } finally {
            stop.set(true);
            consumer.interrupt();
            consumer.join();
            producer.join();
        }
    }

    private static void takeQuietly(java.util.concurrent.BlockingQueue<String> queue) {
        try {
            queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
