package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.StreamReader;
import dev.rosetta.asyncio.StreamWriter;
import dev.rosetta.asyncio.Streams;
import dev.rosetta.asyncio.Task;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code asyncio/crawler}. The contract, one test each:
 * <ol>
 * <li>every page comes back, by its path, and each distinct path is fetched once (a path listed twice too);</li>
 * <li>never more than {@code limit} connections open at once, at any moment (a permit covers the whole fetch,
 *     from opening the connection to reading the page);</li>
 * <li>the limit is reached: {@code limit} requests in flight together, not one at a time;</li>
 * <li>the limit is kept: as soon as one page is answered the next request starts (no batches of {@code limit});</li>
 * <li>every connection is closed once its page is read;</li>
 * <li>cancelling the crawl stops every fetch: no request after it, every connection closed;</li>
 * <li>no paths, and fewer paths than the limit (all at once).</li>
 * </ol>
 * The page server runs on the same loop and answers one request at a time, and only while the crawler has
 * {@code min(limit, pages left)} requests in flight; if the crawler stalls below that, the server notes it
 * and answers the rest at once, so that the test ends quickly with the reason.
 */
@TimeLimit(seconds = 30)
class CrawlerTest {
    private static final int LIMIT = 3;

    /** The page server: counts, and answers by the policy above. Loop-only, like everything it touches. */
    static final class PageServer {
        final int limit;
        final int pages;
        final boolean answers;
        int accepted;
        int answered;
        int inFlight;
        int mostInFlight;
        int mostOpen;
        int closedByClient;
        String stalled;
        final Map<String, Integer> requests = new HashMap<>();
        /** The requests waiting for an answer, in the order they came: only the first may be answered. */
        final ArrayDeque<Object> waiting = new ArrayDeque<>();

        PageServer(int limit, int pages, boolean answers) {
            this.limit = limit;
            this.pages = pages;
            this.answers = answers;
        }

        void serve(StreamReader reader, StreamWriter writer) {
            accepted++;
            mostOpen = Math.max(mostOpen, accepted - answered); // a fetch holds its permit until it has its answer
            String request = reader.readline().strip();
            String path = request.substring("GET ".length());
            requests.merge(path, 1, Integer::sum);
            inFlight++;
            mostInFlight = Math.max(mostInFlight, inFlight);
            if (answers) {
                Object me = new Object();
                awaitMyTurn(me);
                writer.write("page of " + path + "\n");
                answered++;
                inFlight--;
                waiting.poll(); // the next request's turn, now that this one is answered
                writer.drain();
            }
            if (reader.readline().isEmpty()) { // end of stream: the crawler closed its side
                closedByClient++;
            }
        }

        /** Waits for the requests before this one to be answered, then until the crawler has its whole allowance in flight. */
        private void awaitMyTurn(Object me) {
            waiting.add(me);
            while (waiting.peek() != me) {
                Asyncio.sleep(Duration.ZERO);
            }
            while (stalled == null && inFlight < Math.min(limit, pages - answered)) {
                if (!patiently(() -> inFlight >= Math.min(limit, pages - answered))) {
                    stalled = "with " + answered + " of " + pages + " pages answered, the crawler had only " + inFlight
                            + " request(s) in flight and started no more, though the limit is " + limit;
                }
            }
            // Hold the answer a few more turns: a crawler that ignores the limit opens more connections meanwhile.
            LoopTurns.pass(20);
        }

        /** Waits for {@code condition}: at least 200 loop turns and a short while, as connecting takes both. */
        private static boolean patiently(BooleanSupplier condition) {
            long until = System.nanoTime() + TimeLimits.SHORT.toNanos();
            for (int turn = 0; turn < 200 || System.nanoTime() < until; turn++) {
                if (condition.getAsBoolean()) {
                    return true;
                }
                Asyncio.sleep(Duration.ZERO);
            }
            return condition.getAsBoolean();
        }
    }

    private static List<String> paths(int n) {
        var paths = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            paths.add("/page/" + i);
        }
        return paths;
    }

    /** Crawls {@code paths} against {@code server}; the pages, after checking the limit on connections. */
    private static Map<String, String> crawl(PageServer server, List<String> paths, int limit) {
        Map<String, String> pages = Asyncio.run(() -> {
            try (var listening = Streams.startServer(server::serve, "127.0.0.1", 0)) {
                Map<String, String> got = Crawler.crawl(listening.port(), paths, limit);
                if (!LoopTurns.within(() -> server.closedByClient == server.accepted)) {
                    fail("crawl returned, but " + (server.accepted - server.closedByClient) + " of the " + server.accepted
                            + " connections it opened are still open: close each connection (writer.close()) once its"
                            + " page is read, in a finally, or every crawl leaks sockets.");
                }
                return got;
            }
        });
        expectWithinTheLimit(server, limit);
        if (server.stalled != null) {
            fail(server.stalled + " (the most it ever saw at once: " + server.mostInFlight + "). "
                    + (server.mostInFlight < limit
                    ? "Start the fetches as concurrent tasks, all at once, and let one shared Semaphore hold them back."
                    : "It reached the limit, but did not start the next fetch when one finished: do not wait for a"
                    + " whole batch; a task per page, waiting for a permit, starts as soon as one is free."));
        }
        return pages;
    }

    /** Fails unless the server never saw more than {@code limit} connections open, nor requests in flight. */
    private static void expectWithinTheLimit(PageServer server, int limit) {
        assertTrue(server.mostOpen <= limit, "the server saw " + server.mostOpen + " connections open at once; the limit"
                + " is " + limit + ". Every fetch must hold a permit of one shared Semaphore(" + limit + ") from opening"
                + " its connection until its page is read.");
        assertTrue(server.mostInFlight <= limit, "the server saw " + server.mostInFlight + " requests in flight at once;"
                + " the limit is " + limit + ". Every fetch must hold a permit of the same Semaphore(" + limit + ").");
    }

    private static Map<String, String> expected(List<String> paths) {
        var expected = new LinkedHashMap<String, String>();
        for (String path : paths) {
            expected.put(path, "page of " + path);
        }
        return expected;
    }

    /** Every page arrives, with exactly the allowed number in flight at the busiest moment, and kept there. */
    @Test
    @DisplayName("every page, never more than 3 at once, 3 at once whenever 3 are left, connections closed")
    void crawlsWithinTheLimit() {
        List<String> paths = paths(12);
        var server = new PageServer(LIMIT, paths.size(), true);
        Map<String, String> pages = crawl(server, paths, LIMIT);
        assertEquals(expected(paths), pages, "every path to its page");
        assertEquals(LIMIT, server.mostInFlight, "the busiest moment must have exactly the limit in flight");
    }

    /** A path listed twice is fetched once. */
    @Test
    @DisplayName("a path listed twice is fetched once")
    void duplicatesAreFetchedOnce() {
        List<String> paths = new ArrayList<>(paths(5));
        paths.add("/page/1");
        paths.add(0, "/page/3");
        var server = new PageServer(LIMIT, 5, true);
        Map<String, String> pages = crawl(server, paths, LIMIT);
        for (var request : server.requests.entrySet()) {
            assertEquals(1, request.getValue(), request.getKey() + " was requested " + request.getValue() + " times:"
                    + " a crawler fetches each page once. Paths can repeat in the list: crawl the distinct ones"
                    + " (a LinkedHashSet keeps their order).");
        }
        assertEquals(expected(List.copyOf(new LinkedHashSet<>(paths))), pages, "every distinct path to its page");
    }

    /** Fewer pages than the limit: all at once; and no pages at all: nothing. */
    @Test
    @DisplayName("fewer pages than the limit go all at once; no pages, no connections")
    void fewPagesAndNone() {
        List<String> paths = paths(2);
        var server = new PageServer(LIMIT, paths.size(), true);
        assertEquals(expected(paths), crawl(server, paths, LIMIT));
        assertEquals(2, server.mostInFlight, "two pages and a limit of 3: both in flight together");
        assertEquals(Map.of(), Asyncio.run(() -> Crawler.crawl(1, List.of(), LIMIT)), "no paths: an empty map");
    }

    /** Cancelling the crawl cancels every fetch: no request after it, every connection closed. */
    @Test
    @DisplayName("cancelling the crawl stops every fetch: no request after it, every connection closed")
    void cancellingTheCrawlStopsEveryFetch() {
        List<String> paths = paths(12);
        var server = new PageServer(LIMIT, paths.size(), false); // never answers
        Asyncio.run(() -> {
            try (var listening = Streams.startServer(server::serve, "127.0.0.1", 0)) {
                Task<Map<String, String>> crawl = Asyncio.createTask("crawl",
                        () -> Crawler.crawl(listening.port(), paths, LIMIT));
                if (!PageServer.patiently(() -> server.inFlight >= LIMIT)) {
                    crawl.cancel();
                    fail("the crawler never had " + LIMIT + " requests in flight (the most: " + server.mostInFlight
                            + "); start the fetches as concurrent tasks");
                }
                if (PageServer.patiently(() -> server.mostOpen > LIMIT || server.mostInFlight > LIMIT)) {
                    crawl.cancel();
                    expectWithinTheLimit(server, LIMIT);
                }
                int requestsBefore = server.inFlight;
                crawl.cancel();
                if (!LoopTurns.within(crawl::isDone)) {
                    fail("the crawl task was cancelled while its fetches waited for pages, and it had not ended "
                            + LoopTurns.PATIENCE + " loop turns later: await the fetch tasks so that cancelling the"
                            + " crawl cancels them (gather or a TaskGroup does).");
                }
                LoopTurns.pass(LoopTurns.PATIENCE);
                assertEquals(requestsBefore, server.inFlight, "after the crawl was cancelled, "
                        + (server.inFlight - requestsBefore) + " more request(s) reached the server: fetch tasks"
                        + " outlived the crawl. Cancelling the crawl must cancel every fetch task, waiting ones too.");
                assertEquals(server.accepted, server.closedByClient, "the crawl was cancelled with " + requestsBefore
                        + " fetches waiting for their pages: " + (server.accepted - server.closedByClient) + " of their"
                        + " connections were left open. Close the connection in a finally.");
            }
            return null;
        });
    }
}
