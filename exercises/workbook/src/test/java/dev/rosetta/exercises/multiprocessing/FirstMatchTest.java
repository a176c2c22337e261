package dev.rosetta.exercises.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.multiprocessing.Queue;
import dev.rosetta.multiprocessing.SharedMemory;
import dev.rosetta.testkit.TimeLimit;
import dev.rosetta.testkit.TimeLimits;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The judge of {@code multiprocessing/imap-unordered}. The contract:
 * <ol>
 *   <li>each result is reported as soon as it arrives: a slow candidate holds up no other result
 *       (not by input order, not by a chunk it shares, not by waiting for all);</li>
 *   <li>the first match found is returned, and it is reported too — last: nothing is reported after it;</li>
 *   <li>at the match the pool is terminated (not closed, not left running): the rest is not needed;</li>
 *   <li>with no match, every result is reported exactly once (repeated candidates too) and the
 *       answer is empty; no candidates at all: no report, empty.</li>
 * </ol>
 * "As soon as it arrives" is proved by gates, not by timing: candidate 0 and candidate 4 (the
 * match) each wait in their worker until this process has reported some result. Code that
 * reports in input order, by chunks, or only at the end reports nothing while they wait, so they
 * wait out their bound ({@link #HELD}) and note it in shared memory, with the order in which
 * every candidate started and finished: the test then says which of these it was.
 */
@TimeLimit(seconds = 30)
class FirstMatchTest {
    /**
     * How long a held candidate waits for the gate before it gives up and answers. Scaled here,
     * in the test's JVM, and sent inside the task: a worker JVM does not know the factor.
     */
    private static final Duration HELD = TimeLimits.scaled(Duration.ofSeconds(2));
    private static final int MATCH = 4;

    /**
     * What the check of each candidate does in a worker; sent inside the task. With a gate, it
     * numbers each start and finish in the shared memory {@code log}, and candidates 0 and the
     * match wait for the gate, at most {@code held}.
     */
    record Check(Queue<String> gate, String log, int match, Duration held) implements Serializable {
        static final long SIZE = 8 * 19;

        static long started(int c) {
            return 8 * (1 + c);
        }

        static long finished(int c) {
            return 8 * (7 + c);
        }

        static long gaveUp(int c) {
            return 8 * (13 + c);
        }

        boolean matches(int candidate) throws InterruptedException {
            if (gate == null) {
                return candidate == match;
            }
            try (var m = SharedMemory.attach(log)) {
                m.setLong(started(candidate), m.getAndAddLong(0, 1) + 1);
                if ((candidate == 0 || candidate == match) && !Gate.passed(gate, held)) {
                    m.setLong(gaveUp(candidate), 1); // held until this process reported a result; nobody did
                }
                m.setLong(finished(candidate), m.getAndAddLong(0, 1) + 1);
            }
            return candidate == match;
        }
    }

    /**
     * Candidates 0 and 4 are held until a result has been reported; candidate 4 matches. The
     * answer is 4, it is reported last, nobody waited out the gate, and the pool is terminated.
     */
    @Test
    @DisplayName("reports each result as it arrives, stops at the first match and terminates the pool")
    void reportsAsResultsArriveAndStopsAtTheMatch() throws Exception {
        List<Integer> candidates = IntStream.range(0, 6).boxed().toList();
        String log = "imap-unordered-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (var gate = Queue.<String>create(10); var memory = SharedMemory.create(log, Check.SIZE)) {
            var reports = new ArrayList<Checked<Integer>>();
            var pool = new Pool(2);
            Optional<Integer> found;
            try {
                found = search(pool, new Check(gate, log, MATCH, HELD), candidates, checked -> {
                    if (reports.isEmpty()) {
                        open(gate); // once for candidate 0, once for the match
                        open(gate);
                    }
                    reports.add(checked);
                });
                if (reports.isEmpty()) {
                    fail("firstMatch returned " + found + " without reporting a single result: call report with"
                            + " each result as it arrives");
                }
                assertEquals(Optional.of(MATCH), found, "candidate 4 is the only match (reports: " + reports + ")");
                var match = new Checked<>(MATCH, true);
                if (!reports.contains(match)) {
                    fail("the match, candidate 4, was never reported (reports: " + reports + "). The match is a result"
                            + " too: report it as it arrives, like the others, then stop.");
                }
                if (!reports.getLast().equals(match)) {
                    fail("results were reported after the match: " + reports + ". Stop at the first match.");
                }
                expectReportedAsTheyArrived(memory, reports);
                expectTerminated(pool);
            } finally {
                pool.terminate();
                memory.unlink();
            }
        }
    }

    /** No candidates at all, then candidates with repeats and no match: each result reported once, answer empty. */
    @Test
    @DisplayName("with no match, reports every result once (repeats too) and returns empty")
    void noMatchReportsEverything() {
        var pool = new Pool(2);
        try {
            var none = new ArrayList<Checked<Integer>>();
            Optional<Integer> nothing = search(pool, new Check(null, null, -1, HELD), List.of(), none::add);
            assertEquals(Optional.empty(), nothing, "there are no candidates at all");
            assertEquals(List.of(), none, "there are no candidates, so there is nothing to report");
            List<Integer> candidates = List.of(0, 1, 1, 2, 3, 3);
            var reports = new ArrayList<Checked<Integer>>();
            Optional<Integer> found = search(pool, new Check(null, null, -1, HELD), candidates, reports::add);
            assertEquals(Optional.empty(), found, "no candidate matches");
            List<Integer> reported = reports.stream().map(Checked::candidate).sorted().toList();
            assertEquals(candidates, reported, "every candidate's result must be reported once, repeated candidates"
                    + " once per time they appear (reports: " + reports + ")");
        } finally {
            pool.terminate();
        }
    }

    /** Fails, naming how results were held back, if a held candidate waited out the gate. */
    private static void expectReportedAsTheyArrived(SharedMemory log, List<Checked<Integer>> reports) {
        boolean zeroGaveUp = log.getLong(Check.gaveUp(0)) != 0;
        boolean matchGaveUp = log.getLong(Check.gaveUp(MATCH)) != 0;
        if (!zeroGaveUp && !matchGaveUp) {
            return;
        }
        String held = (zeroGaveUp ? "candidate 0" : "") + (zeroGaveUp && matchGaveUp ? " and " : "")
                + (matchGaveUp ? "candidate 4 (the match)" : "");
        String what = held + " waited " + HELD.toMillis() + " ms for this process to report some result, and gave"
                + " up: nothing was reported while the other candidates' results were ready (reports: " + reports + ").";
        long zeroFinished = log.getLong(Check.finished(0));
        long oneStarted = log.getLong(Check.started(1));
        // one task per candidate: candidate 1 runs on the other worker while 0 is held; in a chunk with 0, after it
        if (oneStarted == 0 || (zeroFinished != 0 && oneStarted > zeroFinished)) {
            fail(what + " Candidate 1 did not start until candidate 0 had finished: they were sent together, in one"
                    + " chunk, and a chunk's results come back together, when its slowest is done. Send one"
                    + " candidate per task: imapUnordered(..., candidates, 1).");
        }
        if (reports.getFirst().candidate() == 0) {
            fail(what + " The first report was candidate 0's, the slow one: results were taken in input order (imap),"
                    + " or only once all were in (map). pool.imapUnordered yields each one as soon as its task"
                    + " finishes.");
        }
        fail(what + " The results were kept and reported later (at the match, or at the end): report each one the"
                + " moment it arrives, inside the loop over pool.imapUnordered.");
    }

    private static Optional<Integer> search(Pool pool, Check check, List<Integer> candidates,
                                            Consumer<Checked<Integer>> report) {
        try {
            return FirstMatch.firstMatch(pool, check::matches, candidates, report);
        } catch (ClassCastException e) {
            throw new AssertionError("a result could not be used here: " + e.getMessage() + ". The pool reads what a"
                    + " task returns with its own classes, which know the JDK's but not the workbook's: return a"
                    + " SimpleImmutableEntry<>(candidate, verdict) from the task and make the Checked here.", e);
        }
    }

    private static void open(Queue<String> gate) {
        try {
            gate.put("a result was reported");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while opening the gate", e);
        }
    }

    private static void expectTerminated(Pool pool) {
        try {
            pool.applyAsync(x -> x, 1);
        } catch (IllegalStateException notRunning) {
            if (notRunning.getMessage().contains("closed")) {
                fail("firstMatch closed the pool: close() waits for every task still queued or running. At the"
                        + " match the rest is not needed: terminate() stops it at once.");
            }
            return;
        }
        fail("the pool was still running after firstMatch had its answer: the tasks still queued or running keep"
                + " the workers busy for nothing. Terminate the pool at the first match (Python: pool.terminate(),"
                + " or leaving the with Pool() block).");
    }
}
