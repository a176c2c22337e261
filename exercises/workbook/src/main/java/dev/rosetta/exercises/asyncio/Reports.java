package dev.rosetta.exercises.asyncio;

import java.util.List;

/**
 * Exercise {@code asyncio/blocking-call}: call a blocking library from a coroutine without
 * freezing the loop.
 *
 * <pre>
 * async def fetch_all(ids):
 *     return [backend.fetch(i) for i in ids]     # BAD: each call blocks the loop thread
 * </pre>
 *
 * <p>{@link #fetchAll} is called from a coroutine. It must return every report, in the order
 * of {@code ids}, with the calls to {@link SlowBackend#fetch} <b>all in flight at the same
 * time</b>, and the loop <b>kept running</b> meanwhile (other tasks, like a heartbeat, must not
 * stop). The tests check both: a blocking call on the loop thread freezes the heartbeat. A call
 * that throws fails {@code fetchAll} with its exception (never a {@code null} report, never a hang).
 *
 * <p>Chapter: docs/asyncio.md. Hints: {@code ./rosetta learn hint asyncio/blocking-call}.
 */
public class Reports {

    /** Every report, in the order of {@code ids}, fetched concurrently without blocking the loop. Call from a coroutine. */
    public static List<String> fetchAll(List<String> ids, SlowBackend backend) throws Exception {
        // TODO this blocks the loop thread on every call, one after another
        var reports = new java.util.ArrayList<String>();
        for (String id : ids) {
            reports.add(backend.fetch(id));
        }
        return reports;
    }
}
