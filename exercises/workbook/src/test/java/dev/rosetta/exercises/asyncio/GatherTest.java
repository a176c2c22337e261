package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Event;
import dev.rosetta.asyncio.Future;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import dev.rosetta.testkit.TimeLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code asyncio/gather}. */
@TimeLimit(seconds = 20)
class GatherTest {

    /** Children that finish in reverse order still come back in the order given. */
    @Test
    @DisplayName("results come back in the order given, not the order they finished")
    void resultsInTheOrderGiven() {
        List<String> results = Asyncio.run(() -> {
            var children = new ArrayList<Future<String>>();
            for (int i = 0; i < 5; i++) {
                int turnsToWait = 5 - i; // child 4 finishes first, child 0 last
                String name = "child-" + i;
                children.add(Asyncio.createTask(() -> {
                    for (int t = 0; t < turnsToWait; t++) {
                        Asyncio.sleep(Duration.ZERO);
                    }
                    return name;
                }));
            }
            return Gather.gather(children).await();
        });
        assertEquals(List.of("child-0", "child-1", "child-2", "child-3", "child-4"), results,
                "the children finished 4, 3, 2, 1, 0: gather must put each result in its child's place");
    }

    /** A failure fails the gather while a slow sibling is still running. */
    @Test
    @DisplayName("the first failure fails the gather at once")
    void firstFailureFailsAtOnce() {
        Asyncio.run(() -> {
            var never = new Event();
            Task<String> slow = Asyncio.createTask(() -> {
                never.waitFor();
                return "slow";
            });
            Task<String> failing = Asyncio.createTask(() -> {
                throw new IllegalStateException("child 1 failed");
            });
            Future<List<String>> all = Gather.gather(List.of(slow, failing));
            try {
                Asyncio.waitFor(all, Duration.ofSeconds(3));
                fail("gather returned a result although child 1 failed");
            } catch (IllegalStateException expected) {
                assertEquals("child 1 failed", expected.getMessage());
            } catch (TimeoutError e) {
                fail("child 1 failed at once, but the gather was still waiting 3 s later (for child 0, which never"
                        + " ends). A gather must fail as soon as any child fails, not when that child's turn comes.");
            }
            assertFalse(slow.isDone(), "gather must not cancel the others (that is TaskGroup's job)");
            slow.cancel();
            return null;
        });
    }

    /** Results that are already there are gathered too, and an empty gather is done at once. */
    @Test
    @DisplayName("already-finished children and an empty list")
    void finishedChildrenAndEmptyList() {
        Asyncio.run(() -> {
            Future<Integer> done = Asyncio.getRunningLoop().createFuture();
            done.setResult(7);
            assertEquals(List.of(7), Gather.gather(List.of(done)).await());
            Future<List<Integer>> empty = Gather.gather(List.of());
            assertTrue(empty.isDone(), "gather of nothing is done at once");
            assertEquals(List.of(), empty.result());
            return null;
        });
    }
}
