package dev.rosetta.multiprocessing;

import java.util.concurrent.locks.Condition;
import java.util.function.BooleanSupplier;

/** The wait loop every blocking call of a shared object uses (a queue's get, a lock's acquire, an event's wait). */
final class Conditions {
    private Conditions() {
    }

    /**
     * Waits on {@code condition} while {@code blocked} holds, at most {@code timeoutNanos}
     * (negative: as long as it takes); false if still blocked when the time ran out. The caller
     * holds the condition's lock.
     */
    static boolean awaitWhile(Condition condition, BooleanSupplier blocked, long timeoutNanos) throws InterruptedException {
        long left = timeoutNanos;
        while (blocked.getAsBoolean()) {
            if (timeoutNanos < 0) {
                condition.await();
            } else if (left <= 0) {
                return false;
            } else {
                left = condition.awaitNanos(left);
            }
        }
        return true;
    }
}
