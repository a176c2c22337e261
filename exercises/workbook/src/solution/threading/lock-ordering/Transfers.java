package dev.rosetta.exercises.threading;

/**
 * Reference solution of {@code threading/lock-ordering}: lock ordering.
 *
 * <p>Every transfer takes the lock of the account with the lower id first. A cycle of waiting
 * threads would need someone to hold a higher lock while waiting for a lower one, which no
 * thread ever does, so no deadlock is possible. The locks are released in {@code finally}
 * blocks, so an exception (or an interrupt while waiting) never leaves a lock held.
 */
public final class Transfers {
    private Transfers() {
    }

    public static void transfer(Account source, Account target, long amount) throws InterruptedException {
        Account first = source.id() < target.id() ? source : target;
        Account second = first == source ? target : source;
        first.lock();
        try {
            second.lock();
            try {
                source.withdraw(amount);
                target.deposit(amount);
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }
}
