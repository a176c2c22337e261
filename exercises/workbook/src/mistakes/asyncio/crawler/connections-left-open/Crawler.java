package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import dev.rosetta.asyncio.Semaphore;
import dev.rosetta.asyncio.Streams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Classic mistake: the page is read and returned, and the connection never closed, "the
 * garbage collector will deal with it". BROKEN: a socket is not memory; every fetch leaks one
 * until the process runs out of file descriptors, and the server holds a connection per page.
 * Close the writer once the page is read, in a finally (Python: {@code writer.close()}).
 */
public class Crawler {

    public static Map<String, String> crawl(int port, List<String> paths, int limit) {
        var semaphore = new Semaphore(limit);
        List<String> distinct = List.copyOf(new LinkedHashSet<>(paths)); // each page once, in the order given
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
            connection.writer().write("GET " + path + "\n");
            connection.writer().drain();
            return connection.reader().readline().strip();
        }
    }
}
