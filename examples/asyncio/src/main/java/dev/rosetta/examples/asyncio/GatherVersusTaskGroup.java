package dev.rosetta.examples.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.CancelledError;
import dev.rosetta.asyncio.Event;
import dev.rosetta.asyncio.ExceptionGroup;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TaskGroup;
import dev.rosetta.trace.TimelineFlag;
import java.util.ArrayList;
import java.util.List;

/**
 * When one child fails: {@code gather} leaves the others running; a {@code TaskGroup} cancels them.
 *
 * <pre>
 * try:
 *     await asyncio.gather(slow(), fails())     # raises at once ... slow() is still running
 * except ValueError: ...
 *
 * try:
 *     async with asyncio.TaskGroup() as tg:    # Python 3.11
 *         tg.create_task(slow()); tg.create_task(fails())
 * except* ValueError: ...                       # slow() was cancelled before this line
 * </pre>
 *
 * <p>The idea: structured concurrency. A group owns its tasks: when the block ends, they have
 * all ended, one way or another. gather only collects results; orphans outlive it.
 */
public final class GatherVersusTaskGroup {
    private GatherVersusTaskGroup() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, GatherVersusTaskGroup::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) {
        List<String> story = Asyncio.run(() -> {
            var lines = new ArrayList<String>();
            var never = new Event();
            Task<String> orphan = Asyncio.createTask("slow-sibling", () -> {
                never.waitFor();
                return "done";
            });
            try {
                Asyncio.gather(orphan, Asyncio.createTask(GatherVersusTaskGroup::fails)).await();
            } catch (IllegalArgumentException e) {
                lines.add("gather raised: " + e.getMessage());
            }
            lines.add("after gather, the slow sibling is " + (orphan.isDone() ? "finished" : "STILL RUNNING (an orphan)"));
            orphan.cancel(); // clean up by hand what gather left behind

            Task<?>[] sibling = new Task<?>[1];
            try {
                TaskGroup.run(tg -> {
                    sibling[0] = tg.createTask("slow-sibling", () -> {
                        try {
                            never.waitFor();
                        } catch (CancelledError e) {
                            lines.add("TaskGroup cancelled the slow sibling at its await");
                            throw e;
                        }
                        return "done";
                    });
                    tg.createTask(GatherVersusTaskGroup::fails);
                });
            } catch (ExceptionGroup group) {
                lines.add("TaskGroup raised ExceptionGroup of " + group.exceptions().stream().map(Throwable::getMessage).toList());
            }
            lines.add("after the TaskGroup, the slow sibling is " + (sibling[0].isCancelled() ? "cancelled" : "running"));
            return lines;
        });
        story.forEach(System.out::println);
    }

    private static String fails() {
        throw new IllegalArgumentException("bad input");
    }
}
