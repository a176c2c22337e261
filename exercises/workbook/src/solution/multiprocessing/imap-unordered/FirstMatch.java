package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reference solution of {@code multiprocessing/imap-unordered}.
 *
 * <p>One task per candidate (chunksize 1: a chunk's results come back together, so a slow
 * candidate would hold back the others in its chunk), each returning its candidate with the
 * verdict, since the results come in completion order: a pair of JDK types (Python's tuple),
 * which the pool reads back with its own classes. Each is reported as it arrives; the
 * first match terminates the pool, which kills the workers and cancels what is still queued.
 */
public final class FirstMatch {
    private FirstMatch() {
    }

    public static <T> Optional<T> firstMatch(Pool pool, PicklableFunction<T, Boolean> isMatch, List<T> candidates,
                                             Consumer<Checked<T>> report) {
        Iterator<Map.Entry<T, Boolean>> results =
                pool.imapUnordered(c -> new SimpleImmutableEntry<>(c, isMatch.apply(c)), candidates, 1);
        while (results.hasNext()) {
            Map.Entry<T, Boolean> result = results.next();
            var checked = new Checked<>(result.getKey(), result.getValue());
            report.accept(checked);
            if (checked.matches()) {
                pool.terminate();
                return Optional.of(checked.candidate());
            }
        }
        return Optional.empty();
    }
}
