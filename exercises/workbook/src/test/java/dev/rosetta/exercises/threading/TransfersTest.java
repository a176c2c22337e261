package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code threading/lock-ordering}. */
@TimeLimit(seconds = 20)
class TransfersTest {
    /** How long two transfers may take before the test calls them deadlocked. */
    private static final Duration STUCK = TimeLimits.scaled(Duration.ofSeconds(2));

    /** One transfer moves the money and leaves both locks free. */
    @Test
    @DisplayName("one transfer moves the money")
    void oneTransferMovesTheMoney() throws Exception {
        var lockA = new ReentrantLock();
        var lockB = new ReentrantLock();
        var a = new Account(1, 100, lockA);
        var b = new Account(2, 50, lockB);
        Transfers.transfer(a, b, 30);
        assertEquals(List.of(70L, 80L), List.of(balanceOf(a), balanceOf(b)), "after transfer(account 1, account 2, 30)");
        assertEquals(List.of(false, false), List.of(lockA.isLocked(), lockB.isLocked()), "a lock was left held");
    }

    /**
     * transfer(a, b) and transfer(b, a) at the same time never deadlock. The dangerous interleaving
     * is forced: once a transfer holds its first lock, it goes on only when the other transfer
     * holds one too, or is waiting for a lock, or is done.
     */
    @Test
    @DisplayName("opposite transfers at the same time do not deadlock")
    void oppositeTransfersDoNotDeadlock() throws Exception {
        var holdsOne = ConcurrentHashMap.<Thread>newKeySet();
        var done = ConcurrentHashMap.<Thread>newKeySet();
        var threads = new Thread[2];
        var locks = new StepLock[2];
        for (int i = 0; i < 2; i++) {
            locks[i] = new StepLock(holdsOne, done, threads);
        }
        var a = new Account(1, 100, locks[0]);
        var b = new Account(2, 100, locks[1]);
        var failures = new FailureCollector();
        threads[0] = Thread.ofPlatform().name("transfer(a->b)").unstarted(failures.wrap(() -> {
            Transfers.transfer(a, b, 10);
            done.add(Thread.currentThread());
        }));
        threads[1] = Thread.ofPlatform().name("transfer(b->a)").unstarted(failures.wrap(() -> {
            Transfers.transfer(b, a, 20);
            done.add(Thread.currentThread());
        }));
        for (StepLock lock : locks) {
            lock.watch(locks);
        }
        threads[0].start();
        threads[1].start();
        for (Thread t : threads) {
            t.join(STUCK);
        }
        if (threads[0].isAlive() && threads[1].isAlive()) {
            for (Thread t : threads) {
                t.interrupt();
            }
            StartGate.joinAll(List.of(threads), TimeLimits.LONG);
            fail("deadlock: transfer(a->b) held account 1 and waited for account 2 while transfer(b->a) held account 2"
                    + " and waited for account 1. Take the two locks in one global order (say, lowest id first),"
                    + " whatever the direction of the transfer.");
        }
        StartGate.joinAll(List.of(threads), TimeLimits.LONG);
        failures.rethrow();
        assertEquals(List.of(110L, 90L), List.of(balanceOf(a), balanceOf(b)), "after transfers of 10 (a->b) and 20 (b->a)");
    }

    /** Four threads making many transfers around three accounts keep every cent (and never deadlock). */
    @Test
    @TimeLimit(seconds = 3)
    @DisplayName("many transfers keep every cent")
    void manyTransfersKeepEveryCent() throws Exception {
        var accounts = List.of(new Account(1, 1_000), new Account(2, 1_000), new Account(3, 1_000));
        StartGate.runTogether(4, "teller", i -> {
            for (int n = 0; n < 2_000; n++) {
                Account source = accounts.get((i + n) % 3);
                Account target = accounts.get((i + n + 1 + n % 2) % 3);
                Transfers.transfer(source, target, 1 + n % 7);
            }
        });
        long total = 0;
        for (Account account : accounts) {
            total += balanceOf(account);
        }
        assertEquals(3_000, total, "money appeared or vanished in 8,000 concurrent transfers");
    }

    private static long balanceOf(Account account) throws InterruptedException {
        account.lock();
        try {
            return account.balance();
        } finally {
            account.unlock();
        }
    }

    /**
     * A lock that, when a transfer thread takes its first lock, waits until the other transfer
     * thread holds a lock too, is queued for one, or is done: that makes the deadly interleaving
     * happen whenever it can.
     */
    private static final class StepLock extends ReentrantLock {
        private final Set<Thread> holdsOne;
        private final Set<Thread> done;
        private final Thread[] transfers;
        private StepLock[] all;

        StepLock(Set<Thread> holdsOne, Set<Thread> done, Thread[] transfers) {
            this.holdsOne = holdsOne;
            this.done = done;
            this.transfers = transfers;
        }

        void watch(StepLock[] locks) {
            this.all = locks;
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            super.lockInterruptibly();
            Thread me = Thread.currentThread();
            Thread other = me == transfers[0] ? transfers[1] : me == transfers[1] ? transfers[0] : null;
            if (other == null || !holdsOne.add(me)) {
                return;     // not a transfer thread, or not its first lock
            }
            while (!holdsOne.contains(other) && !done.contains(other) && !queued(other)) {
                if (Thread.interrupted()) {
                    unlock();
                    throw new InterruptedException();
                }
                Thread.onSpinWait();
            }
        }

        private boolean queued(Thread t) {
            for (StepLock lock : all) {
                if (lock.hasQueuedThread(t)) {
                    return true;
                }
            }
            return false;
        }
    }
}
