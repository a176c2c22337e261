package dev.rosetta.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.StartGate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OldGilTest {

    /** The holder releases and re-acquires the GIL every checkInterval ticks, waiter or not. */
    @Test
    void releasesEveryCheckIntervalTicks() throws Exception {
        var gil = new OldGil(10);
        gil.take();
        for (int i = 0; i < 100; i++) {
            gil.tick();
        }
        assertEquals(10, gil.periodicReleases(), "100 ticks at a check interval of 10");
        assertTrue(gil.isHeldByCurrentThread());
        gil.drop();
    }

    /** Two threads that tick share the GIL: each gets in, and never both at once. */
    @Test
    void twoThreadsTickingTakeTurnsOneAtATime() throws Exception {
        var gil = new OldGil(OldGil.DEFAULT_CHECK_INTERVAL);
        var inside = new AtomicInteger();
        var mostInside = new AtomicInteger();
        var turns = new AtomicInteger[] {new AtomicInteger(), new AtomicInteger()};
        StartGate.runTogether(2, "ticker", i -> {
            gil.take();
            try {
                while (turns[1 - i].get() == 0 || turns[i].get() == 0) {
                    mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    turns[i].incrementAndGet();
                    inside.decrementAndGet();
                    gil.tick();
                }
            } finally {
                gil.drop();
            }
        });
        assertEquals(1, mostInside.get(), "two threads ran between ticks at the same time");
        assertTrue(gil.switches() >= 1, "the GIL never changed hands");
    }

    /** A check interval below one tick is refused. */
    @Test
    void theCheckIntervalMustBeAtLeastOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> new OldGil(0));
        assertEquals("check interval must be at least 1 tick, was 0", e.getMessage());
    }
}
