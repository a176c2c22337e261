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
 * line back (the page, without its newline), and close. Return path to page for every path.
 * The server counts connections in flight: more than {@code limit} at once fails the test, and
 * so does fewer than {@code limit} (one at a time is not a crawler).
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
