package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import dev.rosetta.testkit.TimeLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code asyncio/producer-consumer}. */
@TimeLimit(seconds = 20)
class PipelineTest {
    private static final int WORKERS = 4;
    private static final List<Integer> ITEMS = IntStream.range(0, 20).boxed().toList();

    /** Every item once, spread over every consumer, and no consumer left running afterwards. */
    @Test
    @DisplayName("every item processed once, by all 4 consumers, none left running")
    void processesEverythingAndCleansUp() {
        Set<String> consumers = new HashSet<>();
        List<Integer> results = Asyncio.run(() -> {
            Step square = item -> {
                consumers.add(Asyncio.currentTask().getName());
                Asyncio.sleep(Duration.ZERO); // real work awaits: the other consumers run meanwhile
                return item * item;
            };
            Task<List<Integer>> pipeline = Asyncio.createTask("pipeline", () -> Pipeline.run(ITEMS, WORKERS, square));
            List<Integer> out;
            try {
                out = Asyncio.waitFor(pipeline, Duration.ofSeconds(5));
            } catch (TimeoutError e) {
                fail("run() did not return within 5 s: queue.join() waits until every item put has been marked"
                        + " done with queue.taskDone(). Does every consumer call it after each item?");
                return null;
            }
            var leftOver = new ArrayList<String>();
            for (Task<?> task : Asyncio.getRunningLoop().allTasks()) {
                if (task != Asyncio.currentTask()) {
                    leftOver.add(task.getName());
                }
            }
            if (!leftOver.isEmpty()) {
                fail("run() returned but tasks are still running: " + leftOver + ". Consumers loop forever; after"
                        + " queue.join(), cancel them and await them (gather with returnExceptions) before returning.");
            }
            return out;
        });
        var sorted = new ArrayList<>(results);
        sorted.sort(null);
        assertEquals(ITEMS.stream().map(i -> i * i).toList(), sorted, "every item's square, each exactly once");
        assertEquals(WORKERS, consumers.size(), "the items were processed by " + consumers.size() + " consumer task(s) "
                + consumers + "; run() was asked for " + WORKERS + ". Start that many consumer tasks.");
    }
}
