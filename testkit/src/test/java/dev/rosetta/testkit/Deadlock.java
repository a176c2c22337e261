package dev.rosetta.testkit;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two threads that deadlock on purpose: "left" holds lock A and wants B, "right" holds B and
 * wants A. They wait with {@code lockInterruptibly}, so an interrupt ends them and no test
 * leaves them behind.
 */
final class Deadlock {
    final Thread left;
    final Thread right;

    private Deadlock(Thread left, Thread right) {
        this.left = left;
        this.right = right;
    }

    /** Starts both threads and returns once each holds its first lock. */
    static Deadlock start() throws InterruptedException {
        var a = new ReentrantLock();
        var b = new ReentrantLock();
        var bothHoldOne = new CountDownLatch(2);
        Thread left = Thread.ofPlatform().name("left").start(() -> takeBoth(a, b, bothHoldOne));
        Thread right = Thread.ofPlatform().name("right").start(() -> takeBoth(b, a, bothHoldOne));
        bothHoldOne.await();
        return new Deadlock(left, right);
    }

    private static void takeBoth(ReentrantLock first, ReentrantLock second, CountDownLatch bothHoldOne) {
        first.lock();
        try {
            bothHoldOne.countDown();
            bothHoldOne.await();
            second.lockInterruptibly();
            second.unlock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            first.unlock();
        }
    }

    List<Thread> threads() {
        return List.of(left, right);
    }

    void end() throws InterruptedException {
        left.interrupt();
        right.interrupt();
        left.join();
        right.join();
    }
}
