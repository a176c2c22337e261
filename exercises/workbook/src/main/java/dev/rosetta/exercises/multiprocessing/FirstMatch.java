package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Exercise {@code multiprocessing/imap-unordered}: act on each result the moment it arrives.
 *
 * <p>In Python:
 * <pre>
 * with Pool(2) as pool:
 *     for candidate, matches in pool.imap_unordered(check, candidates):
 *         report(candidate, matches)            # progress, as it happens
 *         if matches:
 *             pool.terminate()                  # the rest is no longer needed
 *             return candidate
 * </pre>
 *
 * <p>{@code imap_unordered} yields each result as soon as its task is done, whatever the order of
 * the inputs, so one slow candidate holds nothing up. {@code imap} yields in input order (a slow
 * first candidate holds back every result behind it); {@code map} returns only when all are
 * done. A search wants the first match <em>found</em>, not the first in the list.
 *
 * <p>Results come in completion order, so each must say which candidate it is about: let the
 * task return the pair {@code (candidate, verdict)} as a
 * {@code java.util.AbstractMap.SimpleImmutableEntry} (Python's tuple). Use JDK types for what a
 * task returns: the pool reads results back with its own classes, which know the JDK's but not
 * the workbook's.
 *
 * <p>Write {@link #firstMatch}. Check it: {@code ./rosetta learn check multiprocessing/imap-unordered}.
 * Chapter: docs/multiprocessing.md.
 */
public final class FirstMatch {
    private FirstMatch() {
    }

    /**
     * Checks {@code candidates} on {@code pool} with {@code isMatch}, one task per candidate.
     * Calls {@code report} (on this thread) with each {@link Checked} result as soon as it
     * arrives. At the first match: terminates the pool — the tasks still queued or running are
     * no longer needed — and returns that candidate, reporting nothing after it. When none
     * matches: every result has been reported, and the answer is empty.
     */
    public static <T> Optional<T> firstMatch(Pool pool, PicklableFunction<T, Boolean> isMatch, List<T> candidates,
                                             Consumer<Checked<T>> report) {
        throw new UnsupportedOperationException("TODO: run c -> new SimpleImmutableEntry<>(c, isMatch.apply(c)) over"
                + " the candidates with pool.imapUnordered (chunksize 1), report each result as a Checked as it comes,"
                + " and at the first match terminate the pool and return it");
    }
}
