package dev.rosetta.exercises.asyncio;

import java.util.List;

/**
 * Exercise {@code asyncio/producer-consumer}: a producer and {@code workers} consumers joined by
 * an {@code asyncio.Queue}.
 *
 * <pre>
 * async def consumer(queue, results):
 *     while True:
 *         item = await queue.get()
 *         results.append(await step(item))
 *         queue.task_done()
 *
 * async def pipeline(items, workers):
 *     queue = asyncio.Queue(maxsize=workers)          # bounded: back-pressure on the producer
 *     consumers = [asyncio.create_task(consumer(queue, results)) for _ in range(workers)]
 *     for item in items:
 *         await queue.put(item)
 *     await queue.join()                              # every item processed
 *     for c in consumers: c.cancel()                  # consumers loop forever: stop them
 *     await asyncio.gather(*consumers, return_exceptions=True)
 * </pre>
 *
 * <p>{@link #run} is called from a coroutine. Use {@code dev.rosetta.asyncio.Queue}. Return the
 * results in any order. When it returns, every item has been processed exactly once by one of
 * {@code workers} consumer tasks (the work must be spread over all of them), and no consumer
 * task is left running. If a step throws, {@code run} throws that exception (once the consumers
 * are stopped); a failing step must never hang it.
 *
 * <p>Chapter: docs/asyncio.md. Hints: {@code ./rosetta learn hint asyncio/producer-consumer}.
 */
public class Pipeline {

    /** Every item's {@code step} result, computed by {@code workers} consumer tasks. Call from a coroutine. */
    public static List<Integer> run(List<Integer> items, int workers, Step step) {
        // TODO
        throw new UnsupportedOperationException("TODO: run is not written yet");
    }
}
