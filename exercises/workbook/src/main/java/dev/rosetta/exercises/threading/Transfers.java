package dev.rosetta.exercises.threading;

/**
 * Exercise {@code threading/lock-ordering}: move money between two accounts, each with its own
 * lock, while other threads move money the other way.
 *
 * <p>In Python:
 * <pre>
 * def transfer(source, target, amount):
 *     first, second = sorted((source, target), key=lambda a: a.id)   # one global order
 *     with first.lock:
 *         with second.lock:
 *             source.balance -= amount
 *             target.balance += amount
 * </pre>
 *
 * <p>A transfer must hold both accounts' locks while it moves the money, so that nobody sees the
 * money in neither account or in both. Taking two locks is where deadlocks come from:
 * {@code transfer(a, b)} holds {@code a} and waits for {@code b} while {@code transfer(b, a)}
 * holds {@code b} and waits for {@code a}. Write {@link #transfer} so that this cannot happen.
 * Run the tests ({@code ./rosetta learn check threading/lock-ordering}).
 *
 * <p>Chapter: docs/threading.md. Hints: {@code ./rosetta learn hint threading/lock-ordering}.
 */
public final class Transfers {
    private Transfers() {
    }

    /**
     * Moves {@code amount} from {@code source} to {@code target} (two different accounts), holding
     * both accounts' locks ({@link Account#lock()}) while it does, and releasing both afterwards.
     */
    public static void transfer(Account source, Account target, long amount) throws InterruptedException {
        throw new UnsupportedOperationException("write transfer(): lock both accounts, always in the same order"
                + " whatever the direction, move the money, then unlock both (in a finally)");
    }
}
