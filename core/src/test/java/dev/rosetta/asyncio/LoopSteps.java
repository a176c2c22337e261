package dev.rosetta.asyncio;

import java.time.Duration;

/** Orders forced with the loop's own turns, never with a clock: for the tests of this package. */
final class LoopSteps {
    private LoopSteps() {
    }

    /** Lets the calling task go round the loop {@code n} times: every ready task runs a step each time. */
    static void steps(int n) {
        for (int i = 0; i < n; i++) {
            Asyncio.sleep(Duration.ZERO);
        }
    }

    /** A task that returns {@code value} after {@code n} trips round the loop. */
    static <T> Task<T> afterSteps(int n, T value) {
        return Asyncio.createTask(() -> {
            steps(n);
            return value;
        });
    }

    /** A task that waits until it is cancelled. */
    static <T> Task<T> forever() {
        return Asyncio.createTask(() -> {
            new Event().waitFor();
            return null;
        });
    }
}
