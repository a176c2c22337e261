package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import dev.rosetta.asyncio.Semaphore;
import dev.rosetta.asyncio.Streams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classic mistake: the limit respected by awaiting each fetch before starting the next.
 * BROKEN: never more than one request in flight; the crawl takes {@code limit} times too long.
 */
public class Crawler {

    public static Map<String, String> crawl(int port, List<String> paths, int limit) throws Exception {
        var semaphore = new Semaphore(limit);
        var tasks = new ArrayList<Future<String>>();
        for (String path : paths) {
            tasks.add(completed(() -> {
                try (var permit = semaphore.acquire()) {
                    var connection = Streams.openConnection("127.0.0.1", port);
                    connection.writer().write("GET " + path + "\n");
                    connection.writer().drain();
                    String page = connection.reader().readline().strip();
                    connection.writer().close();
                    return page;
                }
            }));
        }
        List<String> pages = Asyncio.gather(tasks).await();
        var byPath = new LinkedHashMap<String, String>();
        for (int i = 0; i < paths.size(); i++) {
            byPath.put(paths.get(i), pages.get(i));
        }
        return byPath;
    }

    /** Runs the fetch now, to the end, and wraps its result: one request at a time. */
    private static Future<String> completed(dev.rosetta.asyncio.Coroutine<String> fetch) throws Exception {
        Future<String> done = Asyncio.getRunningLoop().createFuture();
        done.setResult(fetch.run());
        return done;
    }
}
