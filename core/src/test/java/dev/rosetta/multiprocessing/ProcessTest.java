package dev.rosetta.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.FailureCollector;
import dev.rosetta.testkit.PrintedOutput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link Process} against CPython 3.11, fact by fact: each expected value below is what
 * {@code multiprocessing.Process} printed for the same program on this machine.
 */
class ProcessTest {

    /** Before start: Process-N names, no pid, no exit code, not alive; join and terminate refuse as Python does. */
    @Test
    void beforeStartItIsAPlainObject() {
        var first = new Process(() -> { });
        var second = new Process(() -> { });
        assertTrue(first.name().matches("Process-\\d+"), first.name());
        assertEquals("Process-" + (Integer.parseInt(first.name().substring(8)) + 1), second.name(),
                "Python numbers every Process created in the parent, one after the other");
        assertNull(first.pid(), "pid is None before start");
        assertNull(first.exitcode(), "exitcode is None before start");
        assertFalse(first.isAlive());
        assertFalse(first.daemon());
        assertEquals("can only join a started process", assertThrows(IllegalStateException.class, first::join).getMessage());
        assertThrows(IllegalStateException.class, first::terminate);
        assertThrows(IllegalStateException.class, first::kill);
        assertEquals("<Process name='" + first.name() + "' parent=" + ProcessHandle.current().pid() + " initial>",
                first.toString());
        first.close();
        assertEquals("process object is closed", assertThrows(IllegalStateException.class, first::isAlive).getMessage());
    }

    /** A target that returns: it ran in another process, printed through our stdout, exit code 0; a second start is refused. */
    @Test
    void aTargetThatReturnsExitsWithZero() throws Throwable {
        long me = ProcessHandle.current().pid();
        var p = new Process(() -> System.out.println("child pid " + ProcessHandle.current().pid()));
        String printed = PrintedOutput.of(() -> {
            try {
                p.start();
                assertNotNull(p.pid());
                assertNotEquals(me, p.pid());
                assertEquals("cannot start a process twice", assertThrows(IllegalStateException.class, p::start).getMessage());
                p.join();
            } finally {
                stop(p);
            }
        });
        assertEquals("child pid " + p.pid(), printed.strip(), "what the child printed reaches the parent's stdout");
        assertEquals(0, p.exitcode());
        assertFalse(p.isAlive());
        assertEquals("cannot start a process twice", assertThrows(IllegalStateException.class, p::start).getMessage(),
                "Python refuses a start after join too");
    }

    /** An exception in the target: exit code 1, and "Process Process-N:" with the stack trace on stderr. */
    @Test
    void anExceptionExitsWithOneAndPrintsTheTrace() throws Throwable {
        var p = new Process(() -> {
            throw new IllegalArgumentException("boom");
        });
        String err = printedToStderr(() -> runToEnd(p));
        assertEquals(1, p.exitcode());
        assertTrue(err.startsWith("Process " + p.name() + ":" + System.lineSeparator()
                + "java.lang.IllegalArgumentException: boom"), err);
        assertTrue(err.contains("at dev.rosetta.multiprocessing.ProcessTest"), err);
    }

    /** System.exit(3) in the target is Python's sys.exit(3): exit code 3. */
    @Test
    void systemExitSetsTheExitCode() throws Exception {
        var p = new Process(() -> System.exit(3));
        runToEnd(p);
        assertEquals(3, p.exitcode());
    }

    /**
     * A child that never ends: join(timeout) returns with it alive; terminate gives -15 and
     * kill -9; daemon and close are refused while it runs, as in Python.
     */
    @Test
    void terminateAndKillReportMinusTheSignal() throws Exception {
        var terminated = new Process(ProcessTest::sleepForever).name("worker-x").daemon(true);
        var killed = new Process(ProcessTest::sleepForever);
        try {
            terminated.start();
            killed.start();
            terminated.join(Duration.ofMillis(50));
            assertTrue(terminated.isAlive(), "join(timeout) returns while the child runs");
            assertNull(terminated.exitcode(), "exitcode is None while it runs");
            assertEquals("process has already started",
                    assertThrows(IllegalStateException.class, () -> terminated.daemon(false)).getMessage());
            assertEquals("Cannot close a process while it is still running. You should first call join() or terminate().",
                    assertThrows(IllegalStateException.class, terminated::close).getMessage());
            assertTrue(terminated.toString().matches("<Process name='worker-x' pid=\\d+ parent=\\d+ started daemon>"),
                    terminated.toString());

            terminated.terminate();
            terminated.join();
            assertEquals(-15, terminated.exitcode(), "terminate() sends SIGTERM");
            terminated.terminate(); // Python: terminating an ended process is fine

            killed.kill();
            killed.join();
            assertEquals(-9, killed.exitcode(), "kill() sends SIGKILL");
            assertTrue(killed.toString().endsWith(" stopped exitcode=-SIGKILL>"), killed.toString());
            killed.close();
        } finally {
            stop(terminated);
            stop(killed);
        }
    }

    /** A daemonic child may not start a process of its own (Python: "daemonic processes are not allowed to have children"). */
    @Test
    void aDaemonHasNoChildren() throws Throwable {
        var p = new Process(() -> new Process(() -> { }).start()).daemon(true);
        String err = printedToStderr(() -> runToEnd(p));
        assertEquals(1, p.exitcode());
        assertTrue(err.contains("java.lang.IllegalStateException: daemonic processes are not allowed to have children"), err);
    }

    /** A target that cannot be pickled is refused at start, and nothing is started. */
    @Test
    void anUnpicklableTargetIsRefusedAtStart() {
        Thread mine = Thread.currentThread();
        var p = new Process(() -> System.out.println(mine.getName()));
        var e = assertThrows(PicklingError.class, p::start);
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
        assertNull(p.pid());
    }

    /** The JDK's 128 + signal is Python's minus the signal; plain codes stay. */
    @Test
    void exitValuesReadAsPythonReadsThem() {
        assertEquals(-15, Process.exitcode(143));
        assertEquals(-9, Process.exitcode(137));
        assertEquals(-2, Process.exitcode(130));
        assertEquals(3, Process.exitcode(3));
        assertEquals(0, Process.exitcode(0));
    }

    private static void sleepForever() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Starts {@code p} and waits for its end; kills it if the test fails first. */
    private static void runToEnd(Process p) throws InterruptedException {
        try {
            p.start();
            p.join();
        } finally {
            stop(p);
        }
    }

    /** No child outlives its test. */
    private static void stop(Process p) throws InterruptedException {
        try {
            if (p.pid() != null) {
                p.kill();
                p.join();
            }
        } catch (IllegalStateException closed) {
            // closed: it had ended and was reaped
        }
    }

    private static String printedToStderr(FailureCollector.Task code) throws Throwable {
        PrintStream original = System.err;
        var captured = new ByteArrayOutputStream();
        try (var printer = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(printer);
            code.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
