package dev.rosetta.multiprocessing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rosetta.testkit.TimeLimits;
import java.lang.Process; // the JDK's, not this package's (Python's Process)
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolTest {
    private static final List<Integer> HUNDRED = IntStream.range(0, 100).boxed().toList();

    /** A static field; each process has its own copy. */
    static int touched;
    static String initialised = "no";

    /** map returns every result in the order of its input, computed in other processes. */
    @Test
    void mapKeepsOrderAndRunsElsewhere() {
        long me = ProcessHandle.current().pid();
        try (var pool = new Pool(2)) {
            assertEquals(HUNDRED.stream().map(x -> x * x).toList(), pool.map(x -> x * x, HUNDRED));
            List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), HUNDRED, 1);
            assertFalse(pids.contains(me), "tasks ran in the parent");
            assertTrue(pool.workerPids().containsAll(new HashSet<>(pids)), pids + " vs " + pool.workerPids());
        }
    }

    /** A static changed by a worker is unchanged in the parent: processes share nothing. */
    @Test
    void workersHaveTheirOwnMemory() {
        try (var pool = new Pool(1)) {
            List<Integer> seen = pool.map(x -> ++touched, List.of(1, 2, 3), 1);
            assertEquals(List.of(1, 2, 3), seen);
        }
        assertEquals(0, touched);
    }

    /** imap keeps order; imapUnordered yields every result exactly once; starmap spreads pairs. */
    @Test
    void imapImapUnorderedAndStarmap() {
        try (var pool = new Pool(2)) {
            var ordered = new ArrayList<Integer>();
            pool.<Integer, Integer>imap(x -> x + 1, HUNDRED, 7).forEachRemaining(ordered::add);
            assertEquals(HUNDRED.stream().map(x -> x + 1).toList(), ordered);

            var unordered = new ArrayList<Integer>();
            pool.<Integer, Integer>imapUnordered(x -> x + 1, HUNDRED, 3).forEachRemaining(unordered::add);
            assertEquals(HUNDRED.stream().map(x -> x + 1).sorted().toList(), unordered.stream().sorted().toList());

            assertEquals(List.of(3, 12), pool.starmap((Integer a, Integer b) -> a * b,
                    List.of(new Pool.Pair<>(1, 3), new Pool.Pair<>(3, 4))));
        }
    }

    /**
     * An exception in a task is raised again with its own type (CPython: the same exception,
     * RemoteTraceback as its cause); its cause names the task and holds the worker's stack trace.
     */
    @Test
    void aTaskExceptionComesBackWithTheWorkersTrace() {
        try (var pool = new Pool(2)) {
            var raised = assertThrows(IllegalStateException.class,
                    () -> pool.map(PoolTest::failOnThree, List.of(0, 1, 2, 3, 4), 2));
            assertEquals("three is not allowed", raised.getMessage());
            var e = assertInstanceOf(RemoteError.class, raised.getCause());
            assertTrue(e.getMessage().startsWith("task 3 raised java.lang.IllegalStateException: three is not allowed"),
                    e.getMessage());
            assertEquals("java.lang.IllegalStateException", e.remoteType());
            assertTrue(e.remoteTrace().contains("PoolTest.failOnThree"), e.remoteTrace());
            assertEquals(List.of(0, 1), pool.map(x -> x, List.of(0, 1)), "the pool still works");
        }
    }

    private static int failOnThree(int x) {
        if (x == 3) {
            throw new IllegalStateException("three is not allowed");
        }
        return x;
    }

    /** applyAsync delivers to its callbacks, on a results thread. */
    @Test
    void applyAsyncWithCallbacks() throws Exception {
        try (var pool = new Pool(1)) {
            var value = new CompletableFuture<String>();
            AsyncResult<Integer> ok = pool.applyAsync(x -> x * 2, 21,
                    v -> value.complete(v + " on " + Thread.currentThread().getName()), value::completeExceptionally);
            assertEquals(42, ok.get(TimeLimits.LONG.toSeconds(), TimeUnit.SECONDS));
            assertTrue(value.get().startsWith("42 on pool-worker-1-results"), value.get());
            assertTrue(ok.ready() && ok.successful());

            var error = new CompletableFuture<Throwable>();
            AsyncResult<Integer> bad = pool.applyAsync(PoolTest::failOnThree, 3, v -> { }, error::complete);
            assertTrue(error.get() instanceof IllegalStateException, String.valueOf(error.get()));
            assertThrows(IllegalStateException.class, bad::get);
            assertFalse(bad.successful());
        }
    }

    /** A lambda that captures something unserialisable is refused at submit, naming it. */
    @Test
    void anUnpicklableCaptureIsRefusedAtSubmit() {
        Thread mine = Thread.currentThread();
        try (var pool = new Pool(1)) {
            var e = assertThrows(PicklingError.class, () -> pool.map(x -> mine.getName() + x, List.of(1)));
            assertTrue(e.getMessage().startsWith("cannot send a lambda defined in dev.rosetta.multiprocessing.PoolTest"
                    + " to another process: it holds a java.lang.Thread, which is not Serializable."), e.getMessage());
            var item = assertThrows(PicklingError.class, () -> pool.map(x -> x, List.<Object>of(1, new Object())));
            assertEquals("cannot send item 1 (a java.lang.Object) to another process: it is not Serializable", item.getMessage());
        }
    }

    /** Bytes of a class outside the allow-list are refused by name: unpickling runs code. */
    @Test
    void theAllowListRefusesUnknownClasses() throws Exception {
        byte[] url = Pickle.dumps(java.net.URI.create("https://example.org").toURL());
        var e = assertThrows(PicklingError.class, () -> Pickle.loads(url, Pickle.allowList(List.of())));
        assertTrue(e.getMessage().startsWith("refused to read java.net.URL from another process"), e.getMessage());
        assertEquals(List.of(1, 2), Pickle.loads(Pickle.dumps(new ArrayList<>(List.of(1, 2))), Pickle.allowList(List.of())));
        assertTrue(Pickle.loads(url, Pickle.allowList(List.of("java.net.URL"))) instanceof java.net.URL);
    }

    /**
     * A worker SIGKILLed while it holds a task: that task fails with a broken-worker error, a
     * replacement starts, and the pool goes on (where CPython's Pool would hang for ever).
     */
    @Test
    void aKilledWorkerFailsItsTaskAndIsReplaced() throws Exception {
        try (var pool = new Pool(2)) {
            AsyncResult<Object> stuck = pool.applyAsync(x -> {
                Thread.sleep(Long.MAX_VALUE);
                return x;
            }, 1);
            long holder = awaitHolder(pool);

            ProcessHandle.of(holder).orElseThrow().destroyForcibly();

            var e = assertThrows(BrokenWorkerError.class, stuck::get);
            assertEquals(holder, e.workerPid(), "the error names the process that died");
            assertTrue(e.getMessage().matches("worker \\d \\(pid " + holder + "\\) died \\(killed by signal 9 \\(SIGKILL\\)\\)"
                    + " while it held task 0; the pool started a replacement and the other tasks go on\\..*"), e.getMessage());
            assertEquals(HUNDRED, pool.map(x -> x, HUNDRED, 5));
            await().atMost(TimeLimits.LONG).until(() -> pool.workersReplaced() == 1 && pool.processes() == 2);
        }
    }

    /** With retries, a task lost with its worker runs again on another and succeeds. */
    @Test
    void retriesRunALostTaskAgain(@TempDir Path dir) throws Exception {
        String marker = dir.resolve("first-attempt").toString();
        try (var pool = new Pool(Pool.Options.processes(2).retries(1))) {
            AsyncResult<String> task = pool.applyAsync(PoolTest::blockOnFirstAttempt, marker);
            long holder = awaitHolder(pool);
            await().atMost(TimeLimits.LONG).until(() -> Files.exists(Path.of(marker)));

            ProcessHandle.of(holder).orElseThrow().destroyForcibly();

            assertEquals("second attempt", task.get());
        }
    }

    private static String blockOnFirstAttempt(String marker) throws Exception {
        if (Files.exists(Path.of(marker))) {
            return "second attempt";
        }
        Files.createFile(Path.of(marker));
        Thread.sleep(Long.MAX_VALUE);
        return "unreachable";
    }

    private static long awaitHolder(Pool pool) {
        return await().atMost(TimeLimits.LONG).until(() -> pool.workers.busyWorkerPid(), pid -> pid > 0);
    }

    /** null is an argument like any other (Python's {@code apply_async(f, (None,))}). */
    @Test
    void applyAsyncTakesNull() {
        try (var pool = new Pool(1)) {
            assertEquals("None", pool.applyAsync(x -> x == null ? "None" : "something", null).get());
        }
    }

    /** maxTasksPerChild: each worker runs its share and is replaced by a fresh process. */
    @Test
    void maxTasksPerChildReplacesWorkers() {
        try (var pool = new Pool(Pool.Options.processes(2).maxTasksPerChild(1))) {
            List<Long> pids = pool.map(x -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4), 1);
            assertEquals(4, new HashSet<>(pids).size(), "each chunk in a fresh worker: " + pids);
            assertTrue(pool.workersReplaced() >= 2, "replaced " + pool.workersReplaced());
        }
    }

    /** The initializer runs in every worker before its first task. */
    @Test
    void initializerRunsInEachWorker() {
        try (var pool = new Pool(Pool.Options.processes(2).initializer(() -> initialised = "yes"))) {
            assertEquals(List.of("yes", "yes", "yes", "yes"), pool.map(x -> initialised, List.of(1, 2, 3, 4), 1));
        }
        assertEquals("no", initialised);
    }

    /** A closed pool refuses new work by name; bad sizes are refused with the rule. */
    @Test
    void refusesBadInput() {
        var pool = new Pool(1);
        pool.close();
        var closed = assertThrows(IllegalStateException.class, () -> pool.map(x -> x, List.of(1)));
        assertEquals("Pool not running: it was closed; submit before close(), or create a new Pool", closed.getMessage());
        var zero = assertThrows(IllegalArgumentException.class, () -> new Pool(0));
        assertEquals("processes must be at least 1, was 0", zero.getMessage());
        try (var one = new Pool(1)) {
            var chunk = assertThrows(IllegalArgumentException.class, () -> one.map(x -> x, List.of(1), 0));
            assertEquals("chunksize must be at least 1, was 0", chunk.getMessage());
        }
    }

    /** CPython's default chunk size: ceil(n / (4 × processes)). */
    @Test
    void defaultChunksizeIsCPythons() {
        try (var pool = new Pool(2)) {
            assertEquals(1, pool.defaultChunksize(3));
            assertEquals(13, pool.defaultChunksize(100));
            assertEquals(2_500, pool.defaultChunksize(20_000));
        }
    }

    /** Workers exit by themselves when their parent is killed with SIGKILL: no orphans. */
    @Test
    void workersExitWhenTheParentIsKilled() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        Process parent = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                OrphanParent.class.getName()).redirectErrorStream(true).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream()));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("workers "), "the parent said: " + line);
        List<ProcessHandle> workers = java.util.Arrays.stream(line.substring(8).split(","))
                .map(pid -> ProcessHandle.of(Long.parseLong(pid.strip())).orElseThrow()).toList();

        parent.destroyForcibly().waitFor();

        for (ProcessHandle worker : workers) {
            worker.onExit().get(TimeLimits.LONG.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** A parent for {@link #workersExitWhenTheParentIsKilled}: starts a pool, says its pids, waits to be killed. */
    static final class OrphanParent {
        public static void main(String[] args) throws Exception {
            var pool = new Pool(2);
            System.out.println("workers " + String.join(",", pool.workerPids().stream().map(String::valueOf).toList()));
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /**
     * Something unserialisable nested inside an argument or a result fails only its own task,
     * with a PicklingError; the pipe and the worker survive and the next map works.
     */
    @Test
    void anUnserialisableNestedValueFailsOnlyItsTask() {
        try (var pool = new Pool(1)) {
            List<Object> holdsAThread = new ArrayList<>(List.of(Thread.currentThread()));
            var sent = assertThrows(PicklingError.class, () -> pool.applyAsync(x -> x, holdsAThread).get());
            assertTrue(sent.getMessage().startsWith("cannot send item 0, element 0 (a java.lang.Thread) to another process:"
                    + " it is not Serializable"), sent.getMessage());

            // the worker's PicklingError does not cross (its cause, a java.io exception, is not on the
            // allow-list), so what comes back is the RemoteError naming it
            var returned = assertThrows(RemoteError.class,
                    () -> pool.applyAsync(x -> new ArrayList<>(List.of(new Object())), 1).get());
            assertTrue(returned.getMessage().contains("cannot send the result of the task, element 0 (a java.lang.Object)"
                    + " to another process: it is not Serializable"), returned.getMessage());

            List<Long> pidsBefore = pool.workerPids();
            assertEquals(HUNDRED, pool.map(x -> x, HUNDRED, 3));
            assertEquals(pidsBefore, pool.workerPids(), "the worker was not replaced");
        }
    }

    /**
     * A quick task's answer is not held back while the same worker runs a slow task sent with
     * it: it reaches the caller while the slow one still runs.
     */
    @Test
    void aQuickAnswerIsNotHeldBehindASlowTask() throws Exception {
        try (var pool = new Pool(1); var release = Queue.<Integer>create(1)) {
            pool.map(x -> x, HUNDRED, 1); // quick chunks widen the window: the next two go out in one write
            var results = pool.<Integer, Integer>imap(x -> x == 0 ? 0 : release.get(), List.of(0, 1), 1);
            var first = CompletableFuture.supplyAsync(results::next);
            try {
                assertEquals(0, first.get(TimeLimits.MEDIUM.toMillis(), TimeUnit.MILLISECONDS),
                        "the quick task's answer waited for the slow task");
            } finally {
                release.put(1);
            }
            assertEquals(1, results.next());
        }
    }

    /**
     * A function written in the learner's own package runs without any allow(...): the worker
     * admits the package of the code it was sent. A result of that package is refused by the
     * parent, by name, until the parent allows it.
     */
    @Test
    void codeFromTheLearnersOwnPackage() {
        var points = List.of(new example.outside.Outside.Point(1, -2), new example.outside.Outside.Point(3, 4));
        try (var pool = new Pool(1)) {
            assertEquals(List.of(3, 7), pool.map(example.outside.Outside.manhattan(), points));
            var e = assertThrows(BrokenWorkerError.class, () -> pool.map(example.outside.Outside.diagonal(), List.of(1)));
            assertTrue(e.getMessage().contains("stopped by the pool: the pool could not read its answer: refused to read"
                    + " example.outside.Outside$Point"), e.getMessage());
        }
        try (var pool = new Pool(Pool.Options.processes(1).allow("example.outside.*"))) {
            assertEquals(List.of(new example.outside.Outside.Point(5, 5)), pool.map(example.outside.Outside.diagonal(), List.of(5)));
        }
    }

    /**
     * A terminate() that comes while close() is on its way, and workers whose end is dealt with
     * after both: the run state stays TERMINATED (it only increases) and no replacement worker
     * starts, that is no stray JVM outlives the pool. The hooks force that order on every run.
     */
    @Test
    void terminateDuringCloseStaysTerminatedAndStartsNoWorker() throws Exception {
        var closing = new CountDownLatch(1);
        var closeMayGoOn = new CountDownLatch(1);
        var workersDied = new CountDownLatch(2);
        var endsMayBeDealtWith = new CountDownLatch(1);
        var pool = new Pool(2);
        pool.workers.interleaving = new Workers.Interleaving() {
            @Override
            public void beforeClosing() {
                closing.countDown();
                awaitQuietly(closeMayGoOn);
            }

            @Override
            public void beforeReplacing(Worker ended) {
                workersDied.countDown();
                awaitQuietly(endsMayBeDealtWith);
            }
        };
        Thread closer = Thread.ofPlatform().name("closer").start(pool::close);
        try {
            assertTrue(closing.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS), "close() never started");
            pool.terminate();
            assertTrue(workersDied.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS),
                    "terminate() returned but its workers' ends were not seen");
            closeMayGoOn.countDown();
            closer.join(TimeLimits.LONG);
            assertFalse(closer.isAlive(), "close() after terminate() did not return");
            assertEquals(Workers.State.TERMINATED, pool.workers.state(), "close() moved the state back from TERMINATED: it"
                    + " checked the state and then wrote CLOSED, and terminate() came in between (check-then-act)");
            endsMayBeDealtWith.countDown();
            await().atMost(TimeLimits.LONG).until(() -> pool.workers.workersEnded() == 2);
            assertEquals(2, pool.workers.workersStarted(), "a replacement worker started after terminate(): a JVM that"
                    + " nobody will stop. The decision to replace must see the state under the lock that moves it");
        } finally {
            closeMayGoOn.countDown();
            endsMayBeDealtWith.countDown();
            pool.terminate();
            closer.join(TimeLimits.LONG);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(TimeLimits.LONG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
