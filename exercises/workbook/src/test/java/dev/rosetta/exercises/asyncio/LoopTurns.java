package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Deadlines for the asyncio tests counted in turns of the event loop, not in milliseconds. On one
 * loop, what a correct implementation does after an event (a child failing, a task ending) takes a
 * fixed number of turns however loaded the machine is; waiting a few times that many turns and then
 * checking is as deterministic as the loop, and fails a wrong implementation at once instead of
 * after a wall-clock timeout. Call from a coroutine.
 */
final class LoopTurns {
    /** Generous: a correct implementation needs two or three turns for anything the tests wait for. */
    static final int PATIENCE = 50;

    private LoopTurns() {
    }

    /** Lets the loop run {@code turns} times (each {@code sleep(0)} goes to the back of the ready queue). */
    static void pass(int turns) {
        for (int i = 0; i < turns; i++) {
            Asyncio.sleep(Duration.ZERO);
        }
    }

    /** Whether {@code condition} holds within {@link #PATIENCE} turns of the loop; checked before each turn. */
    static boolean within(BooleanSupplier condition) {
        return within(PATIENCE, condition);
    }

    /** Whether {@code condition} holds within {@code turns} turns of the loop; checked before each turn. */
    static boolean within(int turns, BooleanSupplier condition) {
        for (int i = 0; i < turns; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Asyncio.sleep(Duration.ZERO);
        }
        return condition.getAsBoolean();
    }
}
