package dev.rosetta.exercises.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.StartGate;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code threading/lock-ordering}. The contract, one test each:
 * <ul>
 *   <li>one transfer moves the money and leaves both locks free;</li>
 *   <li>transfer(a, b) and transfer(b, a) at the same time never deadlock;</li>
 *   <li>nor do they for two accounts whose hash codes are equal (the order must be total: ids are unique, hash codes are not);</li>
 *   <li>an observer that locks both accounts never sees the money in neither account (both locks held while it moves);</li>
 *   <li>a transfer interrupted while it waits for its second lock ends with InterruptedException, holds no lock
 *       and has moved nothing;</li>
 *   <li>transfers that share no account do not wait for each other (no lock around all transfers);</li>
 *   <li>four threads making thousands of transfers around three accounts keep every cent.</li>
 * </ul>
 * The deadly interleaving is forced: once a transfer holds its first lock, it goes on only when
 * the other transfer holds one too, or is waiting for a lock, or is done.
 */
@TimeLimit(seconds = 20)
class TransfersTest {
    private final TestThreads threads = new TestThreads();

    @AfterEach
    void stopEveryThread() throws InterruptedException {
        threads.stopAll();
    }

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

    /** transfer(a, b) and transfer(b, a) at the same time never deadlock. */
    @Test
    @DisplayName("opposite transfers at the same time do not deadlock")
    void oppositeTransfersDoNotDeadlock() throws Exception {
        assertOppositeTransfersOfTwoAccountsFinish();
    }

    /**
     * Opposite transfers between two accounts whose hash codes are equal do not deadlock either:
     * the order of the locks must be total. The test makes accounts until two share a hash code,
     * after checking that opposite transfers between two ordinary accounts finish (a deadlock there
     * is no matter of hash codes).
     */
    @Test
    @DisplayName("accounts with the same hash code: no deadlock either")
    void equalHashCodesDoNotDeadlock() throws Exception {
        assertOppositeTransfersOfTwoAccountsFinish();
        var stepper = new Stepper();
        Map<Integer, Account> byHash = new HashMap<>();
        Account a = null;
        Account b = null;
        for (int id = 1; a == null; id++) {
            Account account = stepper.account(id);
            a = byHash.putIfAbsent(System.identityHashCode(account), account);
            b = account;
        }
        assertOppositeTransfersFinish(stepper, a, b, "deadlock between " + a + " and " + b + ", two accounts with"
                + " the same hash code (" + a.hashCode() + "): with a tie, an order by hashCode() (or"
                + " System.identityHashCode) falls back to the direction of the transfer, and opposite transfers"
                + " deadlock. Order by id(), which is unique (or break ties another way, every time the same).");
    }

    /**
     * A transfer holds both locks while it moves the money: the test holds account 2 while
     * transfer(1 -> 2) is under way, and then tries account 1, the way an auditor locking both
     * (lowest id first) would.
     */
    @Test
    @DisplayName("nobody sees the money in neither account")
    void moneyIsNeverInNeitherAccount() throws Throwable {
        var lockA = new ReentrantLock();
        var lockB = new ReentrantLock();
        var a = new Account(1, 100, lockA);
        var b = new Account(2, 100, lockB);
        Thread transfer;
        lockB.lock();
        try {
            transfer = threads.start("transfer(a->b)", () -> Transfers.transfer(a, b, 30));
            threads.awaitUntil(() -> lockB.hasQueuedThread(transfer), transfer,
                    () -> "transfer(a->b) should wait for account 2's lock, which the test holds, but it is "
                            + transfer.getState(), "transfer(a->b) returned while the test held account 2's lock");
            if (lockA.tryLock()) {
                try {
                    long total = a.balance() + b.balance();
                    if (total != 200) {
                        fail("an auditor holding both accounts' locks saw " + total + " in total instead of 200:"
                                + " transfer(a->b) had withdrawn the money from account 1, let go of its lock, and was"
                                + " waiting for account 2's to deposit it. Between the two, the money is in neither"
                                + " account. Hold both locks for the whole transfer.");
                    }
                } finally {
                    lockA.unlock();
                }
            }
        } finally {
            lockB.unlock();
        }
        threads.finish(transfer, "transfer(a->b)", "account 2's lock was free again");
        assertEquals(List.of(70L, 130L), List.of(balanceOf(a), balanceOf(b)), "after transfer(account 1, account 2, 30)");
    }

    /** A transfer interrupted while it waits for its second lock throws InterruptedException and holds nothing. */
    @Test
    @DisplayName("an interrupted transfer throws InterruptedException and holds no lock")
    void anInterruptedTransferHoldsNothing() throws Throwable {
        var lockA = new ReentrantLock();
        var lockB = new ReentrantLock();
        var a = new Account(1, 100, lockA);
        var b = new Account(2, 100, lockB);
        var outcome = new AtomicReference<Object>("nothing yet");
        lockB.lock();
        try {
            Thread transfer = threads.start("transfer(a->b)", () -> outcome.set(TestThreads.outcomeOf(() -> {
                Transfers.transfer(a, b, 30);
                return "returned normally";
            })));
            threads.awaitUntil(() -> lockB.hasQueuedThread(transfer), transfer,
                    () -> "transfer(a->b) should wait for account 2's lock, which the test holds, but it is "
                            + transfer.getState(), "transfer(a->b) returned while the test held account 2's lock");
            transfer.interrupt();
            threads.finish(transfer, "transfer(a->b)", "it was interrupted while it waited for account 2's lock and"
                    + " went on waiting: let Account.lock()'s InterruptedException through", lockB::unlock);
        } finally {
            if (lockB.isHeldByCurrentThread()) {
                lockB.unlock();
            }
        }
        TestThreads.assertInterrupted(outcome.get(), "transfer(a->b)", "let Account.lock()'s InterruptedException through");
        if (lockA.isLocked()) {
            fail("transfer(a->b) was interrupted while it held account 1's lock and waited for account 2's, and"
                    + " account 1's lock is still held: the InterruptedException skipped the unlock. Unlock each"
                    + " lock in a finally block, so that every way out of transfer() lets go of what it took.");
        }
        List<Long> balances = List.of(balanceOf(a), balanceOf(b));
        if (!balances.equals(List.of(100L, 100L))) {
            fail("transfer(a->b, 30) was interrupted before it held account 2's lock, yet the balances are " + balances
                    + " instead of [100, 100]: the money left account 1 before the transfer held both locks, and"
                    + " vanished with the interrupt. Take both locks first, then move the money.");
        }
    }

    /** Transfers that share no account do not wait for each other. */
    @Test
    @DisplayName("transfers between other accounts do not wait")
    void unrelatedTransfersDoNotWait() throws Throwable {
        var lockB = new ReentrantLock();
        var a = new Account(1, 100);
        var b = new Account(2, 100, lockB);
        var c = new Account(3, 100);
        var d = new Account(4, 100);
        lockB.lock();
        try {
            Thread blocked = threads.start("transfer(a->b)", () -> Transfers.transfer(a, b, 10));
            threads.awaitUntil(() -> lockB.hasQueuedThread(blocked), blocked,
                    () -> "transfer(a->b) should wait for account 2's lock, which the test holds, but it is "
                            + blocked.getState(), "transfer(a->b) returned while the test held account 2's lock");
            Thread other = threads.start("transfer(c->d)", () -> Transfers.transfer(c, d, 10));
            threads.finish(other, "transfer(c->d)", "it shares no account with transfer(a->b), yet it waited for it"
                    + " (transfer(a->b) was waiting for account 2's lock): a lock around every transfer makes all"
                    + " of them wait for the slowest. Take only the two accounts' own locks.", lockB::unlock);
        } finally {
            if (lockB.isHeldByCurrentThread()) {
                lockB.unlock();
            }
        }
        assertEquals(List.of(90L, 110L), List.of(balanceOf(c), balanceOf(d)), "after transfer(c, d, 10)");
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

    /** Opposite transfers between accounts 1 and 2, the deadly interleaving forced; fails naming the lock order if they hang. */
    private static void assertOppositeTransfersOfTwoAccountsFinish() throws Exception {
        var stepper = new Stepper();
        var a = stepper.account(1);
        var b = stepper.account(2);
        assertOppositeTransfersFinish(stepper, a, b, "deadlock: transfer(a->b) held account 1 and waited for account 2"
                + " while transfer(b->a) held account 2 and waited for account 1. Take the two locks in one global"
                + " order (say, lowest id first), whatever the direction of the transfer.");
    }

    /** Runs transfer(a -> b, 10) and transfer(b -> a, 20) at once, the deadly interleaving forced; fails with {@code deadlock} if they hang. */
    private static void assertOppositeTransfersFinish(Stepper stepper, Account a, Account b, String deadlock)
            throws Exception {
        long aBefore = balanceOf(a);
        long bBefore = balanceOf(b);
        var failures = new FailureCollector();
        Thread[] transfers = stepper.transfers;
        transfers[0] = Thread.ofPlatform().name("transfer(a->b)").unstarted(failures.wrap(() -> {
            Transfers.transfer(a, b, 10);
            stepper.done.add(Thread.currentThread());
        }));
        transfers[1] = Thread.ofPlatform().name("transfer(b->a)").unstarted(failures.wrap(() -> {
            Transfers.transfer(b, a, 20);
            stepper.done.add(Thread.currentThread());
        }));
        stepper.watched.addAll(List.of(stepper.lockOf(a), stepper.lockOf(b)));
        transfers[0].start();
        transfers[1].start();
        long deadline = System.nanoTime() + TestThreads.STUCK.toNanos();
        for (Thread t : transfers) {
            t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        if (transfers[0].isAlive() && transfers[1].isAlive()) {
            for (Thread t : transfers) {
                t.interrupt();
            }
            StartGate.joinAll(List.of(transfers), TimeLimits.LONG);
            fail(deadlock);
        }
        StartGate.joinAll(List.of(transfers), TimeLimits.LONG);
        failures.rethrow();
        assertEquals(List.of(aBefore + 10, bBefore - 10), List.of(balanceOf(a), balanceOf(b)),
                "after transfers of 10 (a->b) and 20 (b->a)");
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
     * Makes accounts whose locks step two transfer threads through the deadly interleaving: when a
     * transfer thread takes its first lock, it waits until the other transfer thread holds a lock
     * too, is waiting for one, or is done. That makes a deadlock happen whenever one can.
     */
    private static final class Stepper {
        final Set<Thread> holdsOne = ConcurrentHashMap.newKeySet();
        final Set<Thread> done = ConcurrentHashMap.newKeySet();
        final Thread[] transfers = new Thread[2];
        final Set<StepLock> watched = ConcurrentHashMap.newKeySet();
        private final Map<Account, StepLock> locks = new HashMap<>();

        Account account(int id) {
            var lock = new StepLock(this);
            var account = new Account(id, 100, lock);
            locks.put(account, lock);
            return account;
        }

        StepLock lockOf(Account account) {
            return locks.get(account);
        }

        /** Whether {@code t} waits for a lock: one of the accounts', or any other (a monitor, say). */
        boolean waiting(Thread t) {
            return t.getState() == Thread.State.BLOCKED || watched.stream().anyMatch(lock -> lock.hasQueuedThread(t));
        }
    }

    /** An account's lock that steps a transfer thread after its first lock (see {@link Stepper}). */
    private static final class StepLock extends ReentrantLock {
        private final Stepper stepper;

        StepLock(Stepper stepper) {
            this.stepper = stepper;
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            super.lockInterruptibly();
            Thread me = Thread.currentThread();
            Thread[] transfers = stepper.transfers;
            Thread other = me == transfers[0] ? transfers[1] : me == transfers[1] ? transfers[0] : null;
            if (other == null || !stepper.holdsOne.add(me)) {
                return;     // not a transfer thread, or not its first lock
            }
            while (!stepper.holdsOne.contains(other) && !stepper.done.contains(other) && !stepper.waiting(other)) {
                if (Thread.interrupted()) {
                    unlock();
                    throw new InterruptedException();
                }
                Thread.onSpinWait();
            }
        }
    }
}
