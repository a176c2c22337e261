package dev.rosetta.exercises.threading;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A bank account with its own lock, for exercise {@code threading/lock-ordering}. You do not
 * edit this class: you use it from {@link Transfers}.
 *
 * <p>Thread-safety: {@link #balance()}, {@link #deposit} and {@link #withdraw} must be called
 * while holding this account's lock ({@link #lock()} ... {@link #unlock()}); they refuse
 * otherwise, naming the account.
 */
public final class Account {
    private final int id;
    private final ReentrantLock lock;
    // @GuardedBy("lock")
    private long balance;

    /** Account number {@code id} holding {@code balance}. */
    public Account(int id, long balance) {
        this(id, balance, new ReentrantLock());
    }

    /** An account guarded by {@code lock}: the tests pass their own to watch who holds what. */
    public Account(int id, long balance, ReentrantLock lock) {
        this.id = id;
        this.balance = balance;
        this.lock = lock;
    }

    /** The account number: unique, and never changes. */
    public int id() {
        return id;
    }

    /** Takes this account's lock, waiting if another thread holds it (an interrupt ends the wait). */
    public void lock() throws InterruptedException {
        lock.lockInterruptibly();
    }

    /** Releases this account's lock. */
    public void unlock() {
        lock.unlock();
    }

    /** The balance; the caller must hold this account's lock. */
    public long balance() {
        checkLocked("balance()");
        return balance;
    }

    /** Adds {@code amount}; the caller must hold this account's lock. */
    public void deposit(long amount) {
        checkLocked("deposit(" + amount + ")");
        balance += amount;
    }

    /** Takes away {@code amount}; the caller must hold this account's lock. */
    public void withdraw(long amount) {
        checkLocked("withdraw(" + amount + ")");
        balance -= amount;
    }

    private void checkLocked(String call) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException(call + " on account " + id + " by " + Thread.currentThread().getName()
                    + " without holding the account's lock: lock it first");
        }
    }

    @Override
    public String toString() {
        return "account " + id;
    }
}
