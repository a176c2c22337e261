package dev.rosetta.exercises.multiprocessing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.multiprocessing.AsyncResult;
import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.multiprocessing.SharedMemory;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code multiprocessing/shared-counter}: Python's {@code Value("q", 0)} incremented
 * by several processes. The contract, one test each:
 * <ol>
 *   <li>two processes incrementing at the same moment lose no increment: the total is exact;</li>
 *   <li>an increment is in the shared count at once: another process's {@code get()} sees it
 *       while the process that made it is still running, not only once it has closed its counter;</li>
 *   <li>the count is a 64-bit number: it carries past 2^32 - 1 instead of wrapping;
 *       {@code unlink()} leaves no shared memory block behind, and {@code close()} unmaps this process's view.</li>
 * </ol>
 * The workers are started once for the class; every task they run takes milliseconds or more,
 * so each worker is sent one task at a time and two tasks always run in two processes.
 */
@TimeLimit(seconds = 40)
class ProcessCounterTest {
    /** Each worker increments for this long once both are running, so that they surely overlap. */
    private static final long STRETCH_NANOS = 300_000_000;
    private static final int ROUNDS = 3;
    private static final Duration BOUND = TimeLimits.MEDIUM;

    private static Pool pool;

    @BeforeAll
    static void startPool() {
        pool = new Pool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.terminate();
    }

    /**
     * Two worker processes open the same counter, meet at a barrier, and increment it for 300 ms
     * each, at the same time; the total equals the calls they made. Repeated; it stops at the
     * first loss.
     */
    @Test
    @DisplayName("two processes incrementing at once lose no update")
    void noUpdateIsLostBetweenProcesses() throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            String name = counterName("race-" + round);
            try (var counter = ProcessCounter.create(name);
                 var arrived = Queue.<Integer>create(4); var go = Queue.<Integer>create(4)) {
                var racer = new Racer(name, arrived, go);
                List<AsyncResult<Long>> calls = List.of(pool.applyAsync(racer::run, 1), pool.applyAsync(racer::run, 2));
                long expected;
                try {
                    awaitBoth(calls, arrived, go);
                    expected = calls.get(0).get() + calls.get(1).get();
                } finally {
                    counter.unlink();
                }
                long lost = expected - counter.get();
                if (lost != 0) {
                    fail(String.format("lost %,d of %,d increments in round %d: two worker processes read the same"
                            + " value before either wrote it back. The memory is shared, so processes race like"
                            + " threads; and a Java lock (synchronized, a static ReentrantLock) only excludes threads"
                            + " of one process. Make the read-add-write one indivisible step in the shared memory"
                            + " itself.", lost, expected, round));
                }
            }
        }
    }

    /**
     * A worker increments 1,000 times and, its counter still open, lets this process look:
     * {@code get()} here reads 1,000.
     */
    @Test
    @DisplayName("an increment is seen by every process at once, not when the incrementer closes")
    void everyProcessSeesTheCountAtOnce() throws Exception {
        String name = counterName("seen");
        try (var counter = ProcessCounter.create(name);
             var done = Queue.<Integer>create(4); var go = Queue.<Integer>create(4)) {
            AsyncResult<Integer> worker = pool.applyAsync(new Holder(name, done, go)::run, 1_000);
            try {
                if (!Gate.passed(done, BOUND)) {
                    fail("the worker did not finish its 1,000 increments within " + BOUND.toSeconds() + " s"
                            + failures(List.of(worker)));
                }
                long seen = counter.get();
                if (seen != 1_000) {
                    fail(String.format("a worker process had called increment() 1,000 times, and its counter was"
                            + " still open; get() in this process read %,d. The increments were kept in the worker"
                            + " (a field, a tally added later) instead of in the shared memory: a shared counter is"
                            + " one number every process sees change, as with Python's Value. Add to the shared"
                            + " memory on every increment().", seen));
                }
            } finally {
                go.put(1);
                worker.get();
                counter.unlink();
            }
        }
    }

    /** Set to 2^32 - 1, one increment gives 2^32; unlink removes the block's name, close unmaps the view. */
    @Test
    @DisplayName("the count is 64 bits wide: it carries past 2^32 - 1; unlink and close leave nothing behind")
    void theCountIsSixtyFourBitsWide() {
        String name = counterName("wide");
        long below = (1L << 32) - 1;
        var counter = ProcessCounter.create(name);
        try {
            try (var raw = SharedMemory.attach(name)) {
                raw.setLong(0, below); // the counter's 8 bytes at offset 0, as create() lays it out
            }
            counter.increment();
            long got = counter.get();
            if (got == below) {
                fail(String.format("the counter stood at %,d; after one increment() get() still read %,d: the"
                        + " increment was not in the shared memory at once (kept in a field, added later?). Add to"
                        + " the shared memory on every increment().", below, got));
            }
            if (got != below + 1) {
                fail(String.format("the counter stood at %,d (2^32 - 1); after one increment get() read %,d, expected"
                        + " %,d. The add reached only the low four bytes of the eight (an int-sized add), so the"
                        + " carry was lost. Python's Value(\"q\") is a 64-bit number: add to all eight bytes.",
                        below, got, below + 1));
            }
        } finally {
            counter.unlink();
            counter.close();
        }
        if (SharedMemory.exists(name)) {
            SharedMemory.attach(name).unlink();
            fail("after unlink() the shared memory block '" + name + "' still existed: unlink removes the name, so"
                    + " that nothing is left behind once every process has closed it");
        }
        try {
            long after = counter.get();
            fail("after close(), get() still read " + after + ": close() must unmap this process's view of the"
                    + " shared memory (SharedMemory.close()), or each counter opened leaves a mapping behind");
        } catch (IllegalStateException unmapped) {
            // closed: the view is gone
        }
    }

    // ---- the workers' tasks ------------------------------------------------------------------

    /** Increments for {@link #STRETCH_NANOS} once both racers have arrived; returns its number of calls. */
    record Racer(String name, Queue<Integer> arrived, Queue<Integer> go) implements Serializable {
        long run(int racer) throws InterruptedException {
            long made = 0;
            try (var mine = ProcessCounter.attach(name)) {
                arrived.put(racer);
                go.get(BOUND);
                long end = System.nanoTime() + STRETCH_NANOS;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 1_000; i++) {
                        mine.increment();
                    }
                    made += 1_000;
                }
            }
            return made;
        }
    }

    /** Increments {@code n} times, says so, and keeps its counter open until told to go on. */
    record Holder(String name, Queue<Integer> done, Queue<Integer> go) implements Serializable {
        int run(int n) throws InterruptedException {
            try (var mine = ProcessCounter.attach(name)) {
                for (int i = 0; i < n; i++) {
                    mine.increment();
                }
                done.put(n);
                go.get(BOUND);
            }
            return n;
        }
    }

    /** Waits until both racers have arrived, then lets them go together. */
    private static void awaitBoth(List<AsyncResult<Long>> calls, Queue<Integer> arrived, Queue<Integer> go)
            throws InterruptedException {
        for (int i = 0; i < calls.size(); i++) {
            if (!Gate.passed(arrived, BOUND)) {
                fail("the two worker tasks did not both start within " + BOUND.toSeconds() + " s: has"
                        + " ProcessCounter.attach failed in a worker?" + failures(calls));
            }
        }
        go.put(1);
        go.put(2);
    }

    private static String counterName(String what) {
        return "exercise-counter-" + ProcessHandle.current().pid() + "-" + what + "-" + System.nanoTime();
    }

    /** What the tasks that already failed raised, for a message. */
    private static String failures(List<? extends AsyncResult<?>> tasks) {
        var out = new StringBuilder();
        for (AsyncResult<?> task : tasks) {
            if (task.ready() && !task.successful()) {
                try {
                    task.get();
                } catch (RuntimeException e) {
                    out.append(" A task raised: ").append(e.getMessage()).append('.');
                }
            }
        }
        return out.toString();
    }
}
