package dev.rosetta.examples.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.multiprocessing.WorkerArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workers' CDS archive ({@link WorkerArchive}), end to end. It lives here rather than in
 * core because an archive needs core in a jar, which it is on this module's class path and not
 * on core's own (there it is a directory, and CDS archives no classes from directories).
 */
class WorkerArchiveTest {
    @TempDir
    Path cache;
    private String before;

    @BeforeEach
    void useTemporaryCache() {
        before = System.getProperty("rosetta.workerCache");
        System.setProperty("rosetta.workerCache", cache.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("rosetta.workerCache");
        } else {
            System.setProperty("rosetta.workerCache", before);
        }
    }

    /** Once trained, workers load their start-up classes from the archive, and behave as before. */
    @Test
    void workersMapTheArchiveOnceItIsTrained() throws Exception {
        assertTrue(WorkerArchive.awaitArchive(Pool.Options.processes(1), Duration.ofSeconds(120)),
                "no archive was made for this class path: " + System.getProperty("java.class.path"));
        List<Path> archives = files(".jsa");
        assertEquals(1, archives.size(), "one finished archive, nothing half-written: " + files(""));
        assertEquals(List.of(), files(".tmp"), "the trainer's partial file is renamed or removed");

        Path log = cache.resolve("load-%p.log");
        try (var pool = new Pool(Pool.Options.processes(1).jvmOptions("-Xlog:class+load=info:file=" + log))) {
            assertEquals(List.of(0, 2, 4), pool.map(x -> x * 2, List.of(0, 1, 2)));
        }
        String loaded = Files.readString(files(".log").getFirst());
        assertTrue(loaded.contains("dev.rosetta.multiprocessing.WorkerMain source: shared objects file (top)"),
                "the worker loaded WorkerMain from somewhere else than the archive:\n" + loaded.lines()
                        .filter(l -> l.contains("WorkerMain")).toList());
    }

    /** A damaged archive (truncated, or not an archive at all) is not used, silently: workers start and work. */
    @Test
    void aDamagedArchiveFallsBackToANormalStart() throws Exception {
        assertTrue(WorkerArchive.awaitArchive(Pool.Options.processes(1), Duration.ofSeconds(120)));
        Path archive = files(".jsa").getFirst();
        byte[] whole = Files.readAllBytes(archive);
        for (byte[] damaged : List.of(java.util.Arrays.copyOf(whole, whole.length / 2), "not an archive".getBytes())) {
            Files.write(archive, damaged);
            try (var pool = new Pool(2)) {
                assertEquals(List.of(1, 2, 3), pool.map(x -> x + 1, List.of(0, 1, 2)));
            }
        }
    }

    private List<Path> files(String suffix) throws Exception {
        try (Stream<Path> all = Files.list(cache)) {
            return all.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
