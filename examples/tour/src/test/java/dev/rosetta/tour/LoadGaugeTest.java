package dev.rosetta.tour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadGaugeTest {

    /** On Linux the gauge reads the load average and never counts the tour's own process among the others. */
    @Test
    void readsProcAndLeavesOurselvesOut() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/loadavg")), "no /proc here");

        Load load = LoadGauge.proc(Duration.ofMillis(200)).read();

        assertTrue(load.average() >= 0, "load average " + load.average());
        assertEquals(Runtime.getRuntime().availableProcessors(), load.cores());
        long me = ProcessHandle.current().pid();
        assertFalse(load.others().stream().anyMatch(b -> b.pid() == me), "the tour itself is not another process: " + load);
    }

    /** A busy process is named by its program and, for a JVM, its main class or jar. */
    @Test
    void namesAProcessByItsMain() {
        assertEquals("org.codehaus.plexus.classworlds.launcher.Launcher", LoadGauge.ProcFiles.mainArgument(
                "/usr/bin/java -classpath /a/b.jar -Dx=y --add-opens java.base/java.lang=ALL-UNNAMED"
                        + " org.codehaus.plexus.classworlds.launcher.Launcher -B verify"));
        assertEquals("surefirebooter.jar", LoadGauge.ProcFiles.mainArgument("java -Xmx1g -jar /tmp/x/surefirebooter.jar a b"));
        assertEquals("", LoadGauge.ProcFiles.mainArgument("bash"));
        assertEquals("", LoadGauge.ProcFiles.mainArgument("javac @/tmp/org.codehaus.plexus.compiler.javac.JavacCompiler1arguments"));
    }
}
