package dev.rosetta.exercises.threading;

/**
 * Classic mistake: lock the source, then the target.
 * BROKEN: the order of the locks depends on the direction of the transfer. transfer(a, b)
 * holds a and waits for b while transfer(b, a) holds b and waits for a: a deadlock.
 */
public final class Transfers {
    private Transfers() {
    }

    public static void transfer(Account source, Account target, long amount) throws InterruptedException {
        source.lock();
        try {
            target.lock();
            try {
                source.withdraw(amount);
                target.deposit(amount);
            } finally {
                target.unlock();
            }
        } finally {
            source.unlock();
        }
    }
}
