package dev.rosetta.exercises.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Event;
import dev.rosetta.asyncio.Streams;
import dev.rosetta.asyncio.TimeoutError;
import dev.rosetta.testkit.TimeLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The judge of {@code asyncio/crawler}. */
@TimeLimit(seconds = 30)
class CrawlerTest {
    private static final int PAGES = 12;
    private static final int LIMIT = 3;

    /**
     * A page server on the same loop that holds each answer until the crawler is using its
     * whole allowance, {@code min(limit, pages not yet answered)} requests in flight, and then a
     * little longer. So a correct crawler always gets its pages, one that goes over the limit
     * has gone over it before any answer comes, and one that fetches one page at a time never
     * gets past the first (the test gives up).
     */
    static final class PageServer {
        int inFlight;
        int mostInFlight;
        int answered;
        final Event changed = new Event();

        void serve(dev.rosetta.asyncio.StreamReader reader, dev.rosetta.asyncio.StreamWriter writer) {
            String request = reader.readline().strip();
            inFlight++;
            mostInFlight = Math.max(mostInFlight, inFlight);
            poke();
            while (inFlight < Math.min(LIMIT, PAGES - answered)) {
                changed.clear();
                changed.waitFor();
            }
            // Hold the answer a little longer: 20 loop turns and 20 ms, ample time for a crawler
            // that ignores the limit to open more connections (on loopback they connect at once).
            for (int turn = 0; turn < 20; turn++) {
                Asyncio.sleep(Duration.ZERO);
            }
            Asyncio.sleep(Duration.ofMillis(20));
            writer.write("page of " + request.substring("GET ".length()) + "\n");
            writer.drain();
            answered++;
            inFlight--;
            poke();
        }

        void poke() {
            changed.set(); // wakes every waiting handler; each re-checks
        }
    }

    /** Every page arrives, with exactly the allowed number of requests in flight at the busiest moment. */
    @Test
    @DisplayName("every page, never more than 3 requests at once, and 3 at once at some point")
    void crawlsWithinTheLimit() {
        var server = new PageServer();
        var paths = new ArrayList<String>();
        for (int i = 0; i < PAGES; i++) {
            paths.add("/page/" + i);
        }
        Map<String, String> pages = Asyncio.run(() -> {
            try (var listening = Streams.startServer(server::serve, "127.0.0.1", 0)) {
                try {
                    return Asyncio.waitFor(() -> Crawler.crawl(listening.port(), paths, LIMIT), Duration.ofSeconds(5));
                } catch (TimeoutError e) {
                    fail("the crawl did not finish within 5 s. The server answers once " + LIMIT + " requests are in"
                            + " flight together, and the most it ever saw was " + server.mostInFlight + ". Start the"
                            + " fetches as concurrent tasks; limit them with one shared Semaphore.");
                    return null;
                }
            }
        });
        assertTrue(server.mostInFlight <= LIMIT, "the server saw " + server.mostInFlight + " requests in flight at once;"
                + " the limit is " + LIMIT + ". Every fetch must hold a permit of the same Semaphore(" + LIMIT + ").");
        var expected = new LinkedHashMap<String, String>();
        for (String path : paths) {
            expected.put(path, "page of " + path);
        }
        assertEquals(expected, pages);
        assertEquals(LIMIT, server.mostInFlight);
    }

    /** Nothing to crawl, nothing to connect to. */
    @Test
    @DisplayName("an empty crawl returns an empty map")
    void emptyCrawl() {
        assertEquals(Map.of(), Asyncio.run(() -> Crawler.crawl(1, List.of(), LIMIT)));
    }
}
