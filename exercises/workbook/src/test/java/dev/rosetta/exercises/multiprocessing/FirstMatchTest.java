package dev.rosetta.exercises.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rosetta.multiprocessing.Pool;
import dev.rosetta.multiprocessing.Queue;
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
 * The judge of {@code multiprocessing/imap-unordered}. "As soon as it arrives" is proved by a
 * gate, not by timing: candidate 0's task waits until this process has reported some result.
 * Code that reports in input order, or only once all are in, cannot report anything before
 * candidate 0 is done, so candidate 0 waits out its bound (2 s) and its result comes first.
 */
@TimeLimit(seconds = 30)
class FirstMatchTest {
    /** How long candidate 0 waits for the gate before it gives up and answers. */
    private static final Duration HELD = TimeLimits.scaled(Duration.ofSeconds(2));

    /** What the check of each candidate does in a worker; sent inside the task. */
    record Check(Queue<String> gate, int match) implements Serializable {
        boolean matches(int candidate) throws InterruptedException {
            if (candidate == 0 && gate != null) {
                gate.get(HELD); // held until this process has reported a result (or the bound passes)
            }
            return candidate == match;
        }
    }

    /**
     * Candidate 0 is held until a later result has been reported; candidate 4 matches. The
     * first report is not candidate 0's, the answer is 4, nothing is reported after it, and the
     * pool is terminated.
     */
    @Test
    @DisplayName("reports each result as it arrives, stops at the first match and terminates the pool")
    void reportsAsResultsArriveAndStopsAtTheMatch() throws Exception {
        List<Integer> candidates = IntStream.range(0, 6).boxed().toList();
        try (var gate = Queue.<String>create(10)) {
            var check = new Check(gate, 4);
            var reports = new ArrayList<Checked<Integer>>();
            var pool = new Pool(2);
            Optional<Integer> found;
            try {
                found = search(pool, check, candidates, checked -> {
                    if (reports.isEmpty()) {
                        open(gate);
                    }
                    reports.add(checked);
                });
                if (reports.isEmpty()) {
                    fail("firstMatch returned " + found + " without reporting a single result: call report with"
                            + " each result as it arrives");
                }
                if (reports.getFirst().candidate() == 0) {
                    fail("the first result reported was candidate 0's (reports: " + reports + "). Candidate 0 was"
                            + " held until some later result had been reported, and gave up after "
                            + HELD.toMillis() + " ms: nothing was reported while it was held, although the others"
                            + " were done. Results were taken in input order (imap) or only once all were in (map);"
                            + " pool.imapUnordered yields each one as soon as its task finishes.");
                }
                assertEquals(Optional.of(4), found, "candidate 4 is the only match (reports: " + reports + ")");
                if (!reports.getLast().equals(new Checked<>(4, true))) {
                    fail("results were reported after the match: " + reports + ". Stop at the first match.");
                }
                expectTerminated(pool);
            } finally {
                pool.terminate();
            }
        }
    }

    /** No candidate matches: every result is reported once, and the answer is empty. */
    @Test
    @DisplayName("with no match, reports every result and returns empty")
    void noMatchReportsEverything() {
        List<Integer> candidates = IntStream.range(0, 4).boxed().toList();
        var reports = new ArrayList<Checked<Integer>>();
        var pool = new Pool(2);
        try {
            Optional<Integer> found = search(pool, new Check(null, -1), candidates, reports::add);
            assertEquals(Optional.empty(), found, "no candidate matches");
            List<Integer> reported = reports.stream().map(Checked::candidate).sorted().toList();
            assertEquals(candidates, reported, "every candidate's result must be reported once (reports: " + reports + ")");
        } finally {
            pool.terminate();
        }
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
