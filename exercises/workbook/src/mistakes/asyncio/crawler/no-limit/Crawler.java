package dev.rosetta.exercises.asyncio;

import dev.rosetta.asyncio.Asyncio;
import dev.rosetta.asyncio.Future;
import dev.rosetta.asyncio.Streams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classic mistake: a task per path and nothing else, "the loop can take it". BROKEN: every
 * request is in flight at once; against a real site that is a flood of connections (and a ban),
 * and locally it runs out of file descriptors.
 */
public class Crawler {

    public static Map<String, String> crawl(int port, List<String> paths, int limit) {
        var tasks = new ArrayList<Future<String>>();
        for (String path : paths) {
            tasks.add(Asyncio.createTask(() -> {
                {
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
}
