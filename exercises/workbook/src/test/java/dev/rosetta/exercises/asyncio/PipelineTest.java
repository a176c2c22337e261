package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Task;
import dev.rosetta.testkit.TimeLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code asyncio/producer-consumer}. The contract, one test each:
 * <ol>
 * <li>every item is processed exactly once: none dropped (the last one neither), none twice;</li>
 * <li>by {@code workers} consumer tasks, all of them at work together, and never more steps at once than that;</li>
 * <li>{@code run()} returns only when every step has finished (join, not "the queue is empty");</li>
 * <li>when {@code run()} returns, no consumer task is left, not even one still being cancelled;</li>
 * <li>a step that throws fails {@code run()} with its exception, and cannot hang it, even if every step
 *     throws; nothing is left running then either;</li>
 * <li>no items, and a single worker.</li>
 * </ol>
 */
@TimeLimit(seconds = 20)
class PipelineTest {
    private static final int WORKERS = 4;
    private static final List<Integer> ITEMS = IntStream.range(0, 20).boxed().toList();
    /** Loop turns a correct run needs for 20 items is well under 200; ten times that proves a hang. */
    private static final int RUN_PATIENCE = 2_000;

    /** A step that awaits twice (so consumers interleave), counts what is running, and may fail. */
    static final class CountingStep implements Step {
        final Set<String> consumers = new HashSet<>();
        /** The exception to throw for an item, or null. */
        final IntFunction<RuntimeException> failure;
        int started;
        int running;
        int mostRunning;
        int finished;
        int cancelledMidStep;

        CountingStep(IntFunction<RuntimeException> failure) {
            this.failure = failure;
        }

        @Override
        public int apply(int item) {
            consumers.add(Asyncio.currentTask().getName());
            started++;
            running++;
            mostRunning = Math.max(mostRunning, running);
            try {
                Asyncio.sleep(Duration.ZERO); // real work awaits: the other consumers run meanwhile
                Asyncio.sleep(Duration.ZERO);
                RuntimeException error = failure.apply(item);
                if (error != null) {
                    throw error;
                }
                finished++;
                return item * item;
            } catch (CancelledError e) {
                cancelledMidStep++;
                throw e;
            } finally {
                running--;
            }
        }
    }

    /** What the test saw at the instant run() returned or threw, in the same step. */
    record Outcome(List<Integer> results, RuntimeException error, List<String> leftOver, int stepsRunning) {
    }

    /**
     * Runs the pipeline in a task; records, in the very step run() ends, which other tasks are
     * still alive and how many steps are still running. Fails if run() hangs.
     */
    private static Outcome runPipeline(List<Integer> items, int workers, CountingStep step) {
        return Asyncio.run(() -> {
            Task<?> main = Asyncio.currentTask();
            Outcome[] seen = new Outcome[1];
            Task<Void> pipeline = Asyncio.createTask("pipeline", () -> {
                List<Integer> results = null;
                RuntimeException error = null;
                try {
                    results = Pipeline.run(items, workers, step);
                } catch (RuntimeException e) {
                    error = e;
                }
                var leftOver = new ArrayList<String>();
                for (Task<?> task : Asyncio.getRunningLoop().allTasks()) {
                    if (task != main && task != Asyncio.currentTask()) {
                        leftOver.add(task.getName());
                    }
                }
                seen[0] = new Outcome(results, error, leftOver, step.running);
                return null;
            });
            if (!LoopTurns.within(RUN_PATIENCE, pipeline::isDone)) {
                pipeline.cancel();
                fail("run() had not returned " + RUN_PATIENCE + " loop turns after it was called. " + (step.started < items.size()
                        ? "Only " + step.started + " of " + items.size() + " items were ever taken from the queue: the"
                        + " consumers stopped taking them. A consumer whose step throws dies unless it catches the"
                        + " exception; with every consumer dead, put() or join() waits forever. Catch the step's"
                        + " exception in the consumer, keep it, and go on with the next item."
                        : "Every item was taken, yet it still waits: queue.join() returns when every item put has been"
                        + " marked done with queue.taskDone(). Does every consumer call it after each item, in a"
                        + " finally, even when the step throws?"));
            }
            return seen[0];
        });
    }

    /** The results of a run that must not have failed. */
    private static List<Integer> results(Outcome outcome) {
        if (outcome.error() != null) {
            throw new AssertionError("run() threw although no step failed: " + outcome.error(), outcome.error());
        }
        return outcome.results();
    }

    /** Every item once, spread over every consumer, all finished and no consumer left when run() returns. */
    @Test
    @DisplayName("every item processed once, by all 4 consumers together, all finished and none left running")
    void processesEverythingAndCleansUp() {
        var step = new CountingStep(item -> null);
        Outcome outcome = runPipeline(ITEMS, WORKERS, step);
        results(outcome);
        expectEveryStepFinished(outcome, step);
        if (!outcome.leftOver().isEmpty()) {
            fail("run() returned but tasks are still alive: " + outcome.leftOver() + ". Consumers loop forever; after"
                    + " queue.join(), cancel them and await them (gather with returnExceptions) before returning:"
                    + " cancel() only asks.");
        }
        var sorted = new ArrayList<>(outcome.results());
        sorted.sort(null);
        assertEquals(ITEMS.stream().map(i -> i * i).toList(), sorted, "every item's square, each exactly once: no item"
                + " dropped (the last one neither), none twice");
        assertEquals(WORKERS, step.consumers.size(), "the items were processed by " + step.consumers.size()
                + " consumer task(s) " + step.consumers + "; run() was asked for " + WORKERS + ". Start that many"
                + " consumer tasks.");
        assertEquals(WORKERS, step.mostRunning, "at the busiest moment " + step.mostRunning + " steps ran at once: "
                + WORKERS + " consumers each take one item at a time, so exactly " + WORKERS + ".");
    }

    /** No step was still running, nor cancelled half-way, when run() returned: every item taken was processed. */
    private static void expectEveryStepFinished(Outcome outcome, CountingStep step) {
        assertEquals(0, outcome.stepsRunning(), "run() returned while " + outcome.stepsRunning() + " step(s) were still"
                + " running: their items were taken from the queue but not yet processed. Wait with queue.join(),"
                + " which counts taskDone() calls, not until the queue is empty; and call taskDone() after the step.");
        if (step.cancelledMidStep > 0) {
            fail(step.cancelledMidStep + " step(s) were cancelled before they finished: run() stopped the consumers"
                    + " while items were still being processed, and those items are lost. Wait with queue.join(),"
                    + " which counts taskDone() calls (made after the step), not until the queue is empty.");
        }
    }

    /** A failing step fails run() with its exception, after the rest is stopped. */
    @Test
    @DisplayName("a step that throws fails run() with its exception, and nothing is left running")
    void failingStepFailsTheRun() {
        var step = new CountingStep(item -> item == 7 ? new IllegalStateException("step failed on item 7") : null);
        Outcome outcome = runPipeline(ITEMS, WORKERS, step);
        mustHaveFailedCleanly(outcome, "the step threw on item 7");
        assertEquals("step failed on item 7", outcome.error().getMessage(), "run() must throw the step's own"
                + " exception, not " + outcome.error());
    }

    /** run() threw (the exception not lost) and left no task behind. */
    private static void mustHaveFailedCleanly(Outcome outcome, String what) {
        if (outcome.error() == null) {
            fail(what + ", yet run() returned " + outcome.results() + ": the exception was lost. Keep the first"
                    + " exception a step throws and throw it from run() once the consumers are stopped (gather with"
                    + " returnExceptions swallows it unless you look).");
        }
        if (!outcome.leftOver().isEmpty()) {
            fail("run() threw the step's exception but left tasks alive: " + outcome.leftOver() + ". Stop the"
                    + " consumers on every way out of run(): cancel and await them in a finally.");
        }
    }

    /** Every step failing cannot hang run(). */
    @Test
    @DisplayName("every step throwing cannot hang run()")
    void everyStepFailingCannotHang() {
        var step = new CountingStep(item -> new IllegalStateException("step failed on item " + item));
        mustHaveFailedCleanly(runPipeline(ITEMS, WORKERS, step), "every step threw");
    }

    /** No items, and a single worker. */
    @Test
    @DisplayName("no items, and a single worker")
    void edgeCases() {
        var idle = new CountingStep(item -> null);
        Outcome empty = runPipeline(List.of(), WORKERS, idle);
        assertEquals(List.of(), results(empty), "no items: no results");
        assertEquals(List.of(), empty.leftOver(), "no items: still no consumer left running when run() returns");

        var alone = new CountingStep(item -> null);
        Outcome single = runPipeline(List.of(3, 1, 2), 1, alone);
        var sorted = new ArrayList<>(results(single));
        expectEveryStepFinished(single, alone);
        sorted.sort(null);
        assertEquals(List.of(1, 4, 9), sorted, "one worker processes every item");
        assertEquals(1, alone.mostRunning, "one worker: one step at a time");
    }

    /** The exception thrown is the step's own object. */
    @Test
    @DisplayName("the step's exception reaches the caller unchanged")
    void exceptionIsTheStepsOwn() {
        var failure = new IllegalArgumentException("bad item");
        Outcome outcome = runPipeline(List.of(1, 2), 1, new CountingStep(item -> item == 2 ? failure : null));
        assertSame(failure, outcome.error(), "run() must throw the very exception the step threw");
    }
}
