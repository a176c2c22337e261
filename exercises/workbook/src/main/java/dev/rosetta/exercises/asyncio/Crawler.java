package dev.rosetta.exercises.asyncio;

import java.util.List;
import java.util.Map;

/**
 * Exercise {@code asyncio/crawler}: fetch many pages concurrently, but never more than
 * {@code limit} at once.
 *
 * <pre>
 * sem = asyncio.Semaphore(limit)
 * async def fetch(path):
 *     async with sem:
 *         reader, writer = await asyncio.open_connection("127.0.0.1", port)
 *         writer.write(f"GET {path}\n".encode()); await writer.drain()
 *         return (await reader.readline()).decode().strip()
 * </pre>
 *
 * <p>{@link #crawl} is called from a coroutine. For each path, open a connection to
 * 127.0.0.1:{@code port} ({@code Streams.openConnection}), send {@code "GET <path>\n"}, read one
 * line back (the page, without its newline), and close the connection. Return path to page for
 * every path; a path listed twice is fetched once. The server counts connections open at once:
 * more than {@code limit} fails the test, and so does fewer than {@code limit} while enough pages
 * are left (one at a time, or in batches, is not a crawler). Cancelling the crawl stops every fetch
 * and closes their connections.
 *
 * <p>Chapter: docs/asyncio.md. Hints: {@code ./rosetta learn hint asyncio/crawler}.
 */
public class Crawler {

    /** Every page by path, fetched with at most {@code limit} requests in flight at once. Call from a coroutine. */
    public static Map<String, String> crawl(int port, List<String> paths, int limit) {
        // TODO
        throw new UnsupportedOperationException("TODO: crawl is not written yet");
    }
}
