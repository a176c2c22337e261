package dev.rosetta.joblib;

import static dev.rosetta.joblib.Delayed.delayed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rosetta.testkit.TimeLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@TimeLimit(seconds = 60)
class MemoryTest {
    static final AtomicInteger CALLS = new AtomicInteger();

    static int counted(int x) {
        CALLS.incrementAndGet();
        return x * 10;
    }

    static int timesTen(int x) {
        return x * 10;
    }

    static int timesEleven(int x) {
        return x * 11;
    }

    @Test
    void aSecondCallIsReadFromDisk(@TempDir Path dir) throws Exception {
        CALLS.set(0);
        var cached = new Memory(dir).cache(MemoryTest::counted);
        assertEquals(30, cached.apply(3));
        assertEquals(30, cached.apply(3));
        assertEquals(40, cached.apply(4));
        assertEquals(2, CALLS.get(), "3 computed once, 4 once");
        assertEquals(1, cached.hits());
        assertEquals(2, cached.misses());
        var again = new Memory(dir).cache(MemoryTest::counted);
        assertEquals(30, again.apply(3));
        assertEquals(2, CALLS.get(), "a new Memory on the same directory (a later run) finds the entry");
        new Memory(dir).clear();
        assertEquals(30, again.apply(3));
        assertEquals(3, CALLS.get(), "after clear() it is computed again");
    }

    /** The fingerprint is of the code: same code, same print; other code, another; comments do not count. */
    @Test
    void theKeyFollowsTheCode() {
        String ten = Memory.codeFingerprint((dev.rosetta.multiprocessing.PicklableFunction<Integer, Integer>) MemoryTest::timesTen);
        String tenAgain = Memory.codeFingerprint((dev.rosetta.multiprocessing.PicklableFunction<Integer, Integer>) MemoryTest::timesTen);
        String eleven = Memory.codeFingerprint((dev.rosetta.multiprocessing.PicklableFunction<Integer, Integer>) MemoryTest::timesEleven);
        assertEquals(ten, tenAgain);
        assertNotEquals(ten, eleven);
    }

    /** When the function's code changes, its old entries are deleted (joblib's invalidation). */
    @Test
    void entriesOfOldCodeAreDeleted(@TempDir Path dir) throws Exception {
        Path functionDir = dir.resolve("joblib/MemoryTest.timesTen");
        Files.createDirectories(functionDir.resolve("0123456789abcdef")); // entries written by older code
        Files.writeString(functionDir.resolve("0123456789abcdef/old.ser"), "stale");
        new Memory(dir).cache(MemoryTest::timesTen).apply(2);
        try (var listing = Files.list(functionDir)) {
            assertEquals(1, listing.count(), "only the current code's entries remain");
        }
    }

    /** Worker processes fill and read the same cache: a second parallel run computes nothing. */
    @Test
    void workersShareTheCache(@TempDir Path dir) throws Exception {
        var cached = new Memory(dir).cache(MemoryTest::timesTen);
        try (var parallel = new Parallel(Parallel.Options.nJobs(2).batchSize(5))) {
            var tasks = IntStream.range(0, 20).mapToObj(i -> delayed(cached, i)).toList();
            List<Integer> first = parallel.call(tasks);
            assertEquals(IntStream.range(0, 20).map(i -> i * 10).boxed().toList(), first);
        }
        try (var files = java.nio.file.Files.walk(dir)) {
            assertEquals(20, files.filter(f -> f.toString().endsWith(".ser")).count(), "one entry per argument");
        }
    }

    /** Two worker processes filling the same entry at once: one whole entry, no half-written file left. */
    @Test
    void twoProcessesFillingOneEntryLeaveOneWholeEntry(@TempDir Path dir) throws Exception {
        var cached = new Memory(dir).cache(MemoryTest::timesTen);
        try (var parallel = new Parallel(Parallel.Options.nJobs(2).batchSize(1))) {
            var tasks = IntStream.range(0, 20).mapToObj(i -> delayed(cached, 7)).toList();
            assertEquals(java.util.Collections.nCopies(20, 70), parallel.call(tasks));
        }
        try (var files = Files.walk(dir)) {
            var left = files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
            assertEquals(1, left.size(), "one entry, no temporary file left: " + left);
            assertEquals(70, cached.apply(7));
        }
    }
}
