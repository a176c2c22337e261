package dev.rosetta.exercises.threading;

/**
 * Classic mistake: the right order, but unlock() at the end instead of in finally blocks.
 * BROKEN: a transfer interrupted while it waits for its second lock throws InterruptedException with
 * the first lock still held: that account stays locked for ever, and every later transfer that
 * touches it hangs.
 */
public final class Transfers {
    private Transfers() {
    }

    public static void transfer(Account source, Account target, long amount) throws InterruptedException {
        Account first = source.id() < target.id() ? source : target;
        Account second = first == source ? target : source;
        first.lock();
        second.lock();          // BROKEN: an InterruptedException here leaves "first" locked
        source.withdraw(amount);
        target.deposit(amount);
        second.unlock();
        first.unlock();
    }
}
