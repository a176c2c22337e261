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
 * Classic mistake: the paths crawled in batches of {@code limit}, each batch gathered before
 * the next starts. BROKEN: the limit is reached at the start of each batch, but then every
 * finished fetch leaves its slot empty until the slowest page of the batch arrives: one slow page
 * holds up {@code limit - 1} free slots. A task per page waiting for a permit starts the moment one is free.
 */
public class Crawler {

    public static Map<String, String> crawl(int port, List<String> paths, int limit) {
        var semaphore = new Semaphore(limit);
        List<String> distinct = List.copyOf(new LinkedHashSet<>(paths)); // each page once, in the order given
        var pages = new ArrayList<String>();
        for (int from = 0; from < distinct.size(); from += limit) { // limit at a time, batch after batch
            var tasks = new ArrayList<Future<String>>();
            for (String path : distinct.subList(from, Math.min(distinct.size(), from + limit))) {
                tasks.add(Asyncio.createTask(() -> fetch(port, path, semaphore)));
            }
            pages.addAll(Asyncio.gather(tasks).await());
        }
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
