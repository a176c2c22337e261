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
            String report = ThreadReport.of(List.of(waiter));

            assertTrue(report.startsWith("1 thread:"), report);
            assertTrue(report.contains("\"waiter\" WAITING waiting on CountDownLatch$Sync@"), report);
            assertTrue(report.contains("at dev.rosetta.testkit.ThreadReportTest.awaitQuietly(ThreadReportTest.java"), report);
        } finally {
            never.countDown();
            waiter.join();
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
