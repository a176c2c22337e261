package dev.rosetta.exercises.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.multiprocessing.PicklingError;
import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.testkit.TimeLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge of {@code multiprocessing/ordered-map}. */
@TimeLimit(seconds = 60)
class OrderedMapTest {
    private Pool pool;

    @BeforeEach
    void startPool() {
        pool = new Pool(2);
    }

    @AfterEach
    void stopPool() {
        pool.terminate();
    }

    /** Every item is mapped, in order, when nothing is slow. */
    @Test
    @DisplayName("maps every item, in order")
    void mapsInOrder() {
        List<Integer> items = IntStream.range(0, 25).boxed().toList();
        List<Integer> squares = items.stream().map(x -> x * x).toList();
        assertEquals(squares, call(x -> x * x, items, 4), "map(x -> x * x, 0..24, chunksize 4)");
    }

    /**
     * The first chunk finishes last — its first task waits until the last task has run — and
     * still its results come first.
     */
    @Test
    @DisplayName("keeps input order when the first chunk finishes last")
    void keepsOrderWhenTheFirstChunkIsSlow(@TempDir Path dir) {
        String lastRan = dir.resolve("last-ran").toString();
        List<Integer> items = IntStream.range(0, 10).boxed().toList();
        List<Integer> got = call(x -> slowFirst(x, lastRan), items, 3);
        if (!got.equals(items)) {
            fail("results came back as " + got + ", expected " + items + ": the chunk [0, 1, 2] finished last, and"
                    + " its results were put last. Collect the results by walking the chunks in input order and"
                    + " waiting on each (AsyncResult.get()), not in the order they finish.");
        }
    }

    private List<Integer> call(dev.rosetta.multiprocessing.PicklableFunction<Integer, Integer> fn, List<Integer> items,
                               int chunksize) {
        try {
            return OrderedMap.map(pool, fn, items, chunksize);
        } catch (PicklingError e) {
            throw new AssertionError("a chunk could not be sent to a worker: " + e.getMessage()
                    + " (copy each chunk into a new ArrayList: a subList is only a view of the whole list)", e);
        }
    }

    /** Item 0 waits (at most 3 s) until item 9 has run; item 9 says it has. */
    private static int slowFirst(int x, String lastRan) throws Exception {
        Path marker = Path.of(lastRan);
        if (x == 9) {
            Files.writeString(marker, "done");
        }
        if (x == 0) {
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!Files.exists(marker) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        return x;
    }
}
