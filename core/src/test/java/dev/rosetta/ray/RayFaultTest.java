package dev.rosetta.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tasks whose worker dies: run again up to maxRetries (default 3), then WorkerCrashedError. */
class RayFaultTest {

    /** A task that kills its worker on the first try is run again on the replacement and succeeds. */
    @Test
    void aTaskLostWithItsWorkerIsRetried(@TempDir Path dir) {
        String marker = dir.resolve("died-once").toString();
        try (Ray ray = Ray.init(1)) {
            var dieOnce = ray.remote((String m) -> {
                Gate.dieOnFirstTry(m);
                return "finished on try 2";
            });
            assertEquals("finished on try 2", ray.get(dieOnce.remote(marker)));

            String again = dir.resolve("died-again").toString();
            var e = assertThrows(WorkerCrashedError.class, () -> ray.get(dieOnce.maxRetries(0).remote(again)));
            assertTrue(e.getMessage().contains("lost its worker on each of 1 tries (maxRetries=0)"), e.getMessage());
            assertTrue(e.getMessage().contains("SIGKILL") || e.getMessage().contains("signal 9")
                    || e.getMessage().contains("exit code 137"), e.getMessage());
        }
    }
}
