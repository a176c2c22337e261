package dev.rosetta.exercises.threading;

/**
 * Classic mistake: order the locks by System.identityHashCode, with no tie-break.
 * BROKEN: hash codes are not unique. When two accounts share one, the "lower hash first" rule falls
 * back to the direction of the transfer, and opposite transfers deadlock again. JCIP's version
 * breaks ties with a third lock; here each account has a unique id(): order by it.
 */
public final class Transfers {
    private Transfers() {
    }

    public static void transfer(Account source, Account target, long amount) throws InterruptedException {
        // BROKEN: on a tie, "first" is the source: the direction decides the order again
        Account first = System.identityHashCode(source) < System.identityHashCode(target) ? source : target;
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
