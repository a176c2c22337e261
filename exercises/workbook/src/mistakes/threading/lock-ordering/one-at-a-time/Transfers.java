package dev.rosetta.exercises.threading;

/**
 * Classic mistake: "two locks deadlock, so take one at a time": withdraw under the source's
 * lock, let go, then deposit under the target's.
 * BROKEN: no deadlock, and no money lost in the end, but between the two steps the money is in
 * neither account: anyone who locks both accounts then (an audit, a report) sees it missing.
 */
public final class Transfers {
    private Transfers() {
    }

    public static void transfer(Account source, Account target, long amount) throws InterruptedException {
        source.lock();
        try {
            source.withdraw(amount);
        } finally {
            source.unlock();
        }
        // BROKEN: here the money is in neither account, and anyone may look
        target.lock();
        try {
            target.deposit(amount);
        } finally {
            target.unlock();
        }
    }
}
