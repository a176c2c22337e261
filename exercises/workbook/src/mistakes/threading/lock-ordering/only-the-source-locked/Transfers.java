package dev.rosetta.exercises.threading;

/**
 * Classic mistake: "one lock at a time cannot deadlock", so lock only the source.
 * BROKEN: the deposit into the target runs without the target's lock, racing every other
 * transfer into or out of it. (Account refuses it outright; unguarded, it would lose money.)
 */
public final class Transfers {
    private Transfers() {
    }

    public static void transfer(Account source, Account target, long amount) throws InterruptedException {
        source.lock();
        try {
            source.withdraw(amount);
            target.deposit(amount);
        } finally {
            source.unlock();
        }
    }
}
