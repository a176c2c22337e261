package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Task;
import dev.rosetta.testkit.TimeLimit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code asyncio/blocking-call}. */
@TimeLimit(seconds = 30)
class ReportsTest {
    private static final List<String> IDS = List.of("north", "south", "east", "west");
    private static final long PATIENCE_SECONDS = 3;

    /**
     * A backend that proves the two properties while it blocks: every call waits until all of
     * them are in flight (so they must overlap), and until the loop's heartbeat has ticked twice
     * since the call began (so the loop must still be running). A call that waits in vain gives
     * up after a few seconds and records why; later calls then return at once.
     */
    static final class ProvingBackend implements SlowBackend {
        final Semaphore heartbeats = new Semaphore(0);
        final CountDownLatch allInFlight = new CountDownLatch(IDS.size());
        volatile String problem;
        /** Set once fetchAll has returned: calls still blocked then are let go at once. */
        volatile boolean over;

        @Override
        public String fetch(String id) throws InterruptedException {
            if (problem == null && !over) {
                allInFlight.countDown();
                if (!allInFlight.await(PATIENCE_SECONDS, TimeUnit.SECONDS) && !over) {
                    problem = "fetch(\"" + id + "\") waited " + PATIENCE_SECONDS + " s for the other calls to start, but"
                            + " only " + (IDS.size() - allInFlight.getCount()) + " of " + IDS.size() + " calls were in flight:"
                            + " the blocking calls ran one after another. Start them all before awaiting any.";
                } else if (!heartbeats.tryAcquire(2, PATIENCE_SECONDS, TimeUnit.SECONDS) && !over) {
                    problem = "while fetch(\"" + id + "\") blocked, the loop's heartbeat task did not tick for "
                            + PATIENCE_SECONDS + " s: the blocking call ran on the loop thread and froze every task."
                            + " Run it on another thread and await that.";
                }
            }
            return id.toUpperCase();
        }
    }

    /** Every report comes back in order, all calls overlap, and the heartbeat keeps beating. */
    @Test
    @DisplayName("all calls in flight at once, the loop kept running, reports in order")
    void fetchesConcurrentlyWithoutFreezingTheLoop() {
        var backend = new ProvingBackend();
        List<String> reports = Asyncio.run(() -> {
            Task<Void> heartbeat = Asyncio.createTask("heartbeat", () -> {
                while (true) {
                    Asyncio.sleep(Duration.ofMillis(1));
                    backend.heartbeats.release(2 * IDS.size());
                }
            });
            try {
                return Reports.fetchAll(IDS, backend);
            } finally {
                backend.over = true;
                backend.heartbeats.release(1_000);
                heartbeat.cancel();
            }
        });
        assertEquals(List.of("NORTH", "SOUTH", "EAST", "WEST"), reports,
                "fetchAll must return every report, in the order of the ids, once they have all arrived."
                        + " Nulls mean it returned before the reports came: were the tasks awaited?");
        assertNull(backend.problem, backend.problem);
    }
}
