package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.Queue;
import java.time.Duration;

/** The tests' gates: a task in a worker, or the test, waits on a {@link Queue} until another puts on it. */
final class Gate {
    private Gate() {
    }

    /**
     * Python's {@code try: q.get(timeout=t); return True / except queue.Empty: return False}:
     * whether an item came within {@code within}; the item is taken.
     */
    static boolean passed(Queue<?> gate, Duration within) throws InterruptedException {
        try {
            gate.get(within);
            return true;
        } catch (Queue.Empty nobodyCame) {
            return false;
        }
    }
}
