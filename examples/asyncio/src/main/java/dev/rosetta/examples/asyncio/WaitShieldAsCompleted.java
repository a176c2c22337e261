package dev.rosetta.examples.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Event;
import dev.rosetta.asyncio.Future;
import dev.rosetta.asyncio.Task;
import dev.rosetta.asyncio.TimeoutError;
import dev.rosetta.trace.TimelineFlag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waiting on several tasks without losing any work: {@code as_completed}, {@code wait} and
 * {@code shield}. The Python it reproduces (CPython 3.11 prints the same lines, in Python's spelling:
 * {@code ['fast', ...]}, {@code False}):
 *
 * <pre>
 * async def fetch(name, turns):
 *     for _ in range(turns):
 *         await asyncio.sleep(0)
 *     return name
 *
 * async def main():
 *     tasks = [asyncio.create_task(fetch(n, t)) for n, t in (("slow", 3), ("fast", 1), ("mid", 2))]
 *     print("as_completed hands out:", [await nxt for nxt in asyncio.as_completed(tasks)])
 *
 *     first = asyncio.create_task(fetch("first", 1))
 *     stuck = asyncio.create_task(asyncio.Event().wait())
 *     done, pending = await asyncio.wait({first, stuck}, return_when=asyncio.FIRST_COMPLETED)
 *     print(f"wait FIRST_COMPLETED: done {len(done)}, pending {len(pending)}; "
 *           f"the pending one cancelled? {stuck.cancelled()}")
 *     done, pending = await asyncio.wait({stuck}, timeout=0.01)
 *     print(f"wait with a timeout: done {len(done)}, pending {len(pending)}; "
 *           f"no TimeoutError, and still not cancelled: {not stuck.cancelled()}")
 *     stuck.cancel()
 *
 *     db_answers = asyncio.Event()
 *     async def save_record():
 *         await db_answers.wait()
 *         return "record saved"
 *     save = asyncio.create_task(save_record())
 *     try:
 *         await asyncio.wait_for(asyncio.shield(save), timeout=0.01)
 *     except TimeoutError:
 *         print("wait_for(shield(save)) timed out; the save is", "done" if save.done() else "still running")
 *     db_answers.set()
 *     print("and it finished anyway:", await save)
 * </pre>
 *
 * <p>The idea: none of these cancel what you did not ask them to. {@code as_completed} and
 * {@code wait} only watch; {@code wait} reports a timeout by leaving tasks in {@code pending}
 * rather than raising; {@code shield} lets a caller give up ({@code wait_for}'s timeout cancels
 * the shield) while the work it protects runs to its end.
 */
public final class WaitShieldAsCompleted {
    private WaitShieldAsCompleted() {
    }

    public static void main(String[] args) throws Exception {
        TimelineFlag.run(args, WaitShieldAsCompleted::demo);     // --timeline FILE: see what ran where
    }

    private static void demo(String[] args) throws Exception {
        Asyncio.run(() -> {
            var tasks = List.of(fetch("slow", 3), fetch("fast", 1), fetch("mid", 2));
            var order = new ArrayList<String>();
            for (Future<String> next : Asyncio.asCompleted(tasks, null)) {
                order.add(next.await());
            }
            System.out.println("as_completed hands out: " + order);

            Task<String> first = fetch("first", 1);
            Task<String> stuck = Asyncio.createTask(() -> {
                new Event().waitFor();
                return "never";
            });
            var split = Asyncio.wait(List.of(first, stuck), null, Asyncio.ReturnWhen.FIRST_COMPLETED);
            System.out.printf("wait FIRST_COMPLETED: done %d, pending %d; the pending one cancelled? %s%n",
                    split.done().size(), split.pending().size(), stuck.isCancelled());
            split = Asyncio.wait(List.of(stuck), Duration.ofMillis(10), Asyncio.ReturnWhen.ALL_COMPLETED);
            System.out.printf("wait with a timeout: done %d, pending %d; no TimeoutError, and still not cancelled: %s%n",
                    split.done().size(), split.pending().size(), !stuck.isCancelled());
            stuck.cancel();

            var dbAnswers = new Event();
            Task<String> save = Asyncio.createTask(() -> {
                dbAnswers.waitFor();
                return "record saved";
            });
            try {
                Asyncio.waitFor(Asyncio.shield(save), Duration.ofMillis(10));
            } catch (TimeoutError e) {
                System.out.println("wait_for(shield(save)) timed out; the save is " + (save.isDone() ? "done" : "still running"));
            }
            dbAnswers.set();
            System.out.println("and it finished anyway: " + save.await());
            return null;
        });
    }

    /** Python's {@code fetch(name, turns)}: returns {@code name} after {@code turns} trips round the loop. */
    private static Task<String> fetch(String name, int turns) {
        return Asyncio.createTask(() -> {
            for (int i = 0; i < turns; i++) {
                Asyncio.sleep(Duration.ZERO);
            }
            return name;
        });
    }
}
