package dev.rosetta.exercises.threading;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock a test hands to the code under test (as Python's {@code threading.Condition(lock)}
 * takes one), so that the test can see and steer what the threads do with it: who waits on one
 * of its conditions and who holds it; it can wake the waiters for no reason at all, as the JDK
 * allows a condition to do (a "spurious wake-up"), to prove that every wait sits in a
 * {@code while} loop; and it can stop a thread at the start of its next wait, while it still
 * holds the lock, to look at what it did just before.
 *
 * <p>Thread-safety: thread-safe, as {@link ReentrantLock}.
 */
final class WatchedLock extends ReentrantLock {
    private final List<Condition> conditions = new CopyOnWriteArrayList<>();
    private final Map<Thread, Pause> pauses = new ConcurrentHashMap<>();

    /** A thread stopped at the start of a wait, holding the lock, until {@link #resume()}. */
    static final class Pause {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch resumed = new CountDownLatch(1);

        /** Whether the thread reached its next wait within {@code limit}. */
        boolean awaitArrived(Duration limit) throws InterruptedException {
            return arrived.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Lets the thread go on into its wait. */
        void resume() {
            resumed.countDown();
        }

        private void hold() throws InterruptedException {
            arrived.countDown();
            resumed.await();
        }
    }

    @Override
    public Condition newCondition() {
        Condition condition = super.newCondition();
        conditions.add(condition);
        return new Watched(condition);
    }

    /** Whether {@code t} is parked on one of this lock's conditions (in {@code await}, not holding or queued for the lock). */
    boolean waitsOnACondition(Thread t) {
        lock();
        try {
            for (Condition condition : conditions) {
                if (getWaitingThreads(condition).contains(t)) {
                    return true;
                }
            }
            return false;
        } finally {
            unlock();
        }
    }

    /** A spurious wake-up: every thread waiting on a condition of this lock wakes, although nothing changed. */
    void wakeForNoReason() {
        lock();
        try {
            conditions.forEach(Condition::signalAll);
        } finally {
            unlock();
        }
    }

    /** Stops {@code t} when it next starts to wait on a condition of this lock, still holding the lock. */
    Pause pauseNextWait(Thread t) {
        var pause = new Pause();
        pauses.put(t, pause);
        return pause;
    }

    @Override
    public boolean hasWaiters(Condition condition) {
        return super.hasWaiters(unwrap(condition));
    }

    @Override
    public int getWaitQueueLength(Condition condition) {
        return super.getWaitQueueLength(unwrap(condition));
    }

    private static Condition unwrap(Condition condition) {
        return condition instanceof Watched watched ? watched.condition : condition;
    }

    /** The thread holding this lock, or null. */
    Thread holder() {
        return getOwner();
    }

    private void beforeWait() throws InterruptedException {
        Pause pause = pauses.remove(Thread.currentThread());
        if (pause != null) {
            pause.hold();
        }
    }

    /** A condition of this lock that calls {@link #beforeWait()} at the start of every wait. */
    private final class Watched implements Condition {
        private final Condition condition;

        Watched(Condition condition) {
            this.condition = condition;
        }

        @Override
        public void await() throws InterruptedException {
            beforeWait();
            condition.await();
        }

        @Override
        public void awaitUninterruptibly() {
            condition.awaitUninterruptibly();
        }

        @Override
        public long awaitNanos(long nanosTimeout) throws InterruptedException {
            beforeWait();
            return condition.awaitNanos(nanosTimeout);
        }

        @Override
        public boolean await(long time, TimeUnit unit) throws InterruptedException {
            beforeWait();
            return condition.await(time, unit);
        }

        @Override
        public boolean awaitUntil(Date deadline) throws InterruptedException {
            beforeWait();
            return condition.awaitUntil(deadline);
        }

        @Override
        public void signal() {
            condition.signal();
        }

        @Override
        public void signalAll() {
            condition.signalAll();
        }
    }
}
