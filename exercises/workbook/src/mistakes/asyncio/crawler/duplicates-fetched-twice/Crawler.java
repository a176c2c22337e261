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
 * Classic mistake: a task per path in the list as given. BROKEN: a path listed twice is
 * fetched twice: twice the load on the server, and a crawler that follows links fetches popular
 * pages over and over. Crawl the distinct paths (a LinkedHashSet keeps their order).
 */
public class Crawler {

    public static Map<String, String> crawl(int port, List<String> paths, int limit) {
        var semaphore = new Semaphore(limit);
        List<String> distinct = paths;
        var tasks = new ArrayList<Future<String>>();
        for (String path : distinct) {
            tasks.add(Asyncio.createTask(() -> fetch(port, path, semaphore)));
        }
        List<String> pages = Asyncio.gather(tasks).await();
        var byPath = new LinkedHashMap<String, String>();
        for (int i = 0; i < distinct.size(); i++) {
            byPath.put(distinct.get(i), pages.get(i));
        }
        return byPath;
    }

    private static String fetch(int port, String path, Semaphore semaphore) {
        try (var permit = semaphore.acquire()) {
            var connection = Streams.openConnection("127.0.0.1", port);
            try {
                connection.writer().write("GET " + path + "\n");
                connection.writer().drain();
                return connection.reader().readline().strip();
            } finally {
                connection.writer().close();
            }
        }
    }
}
