package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Classic mistake: keep the results in a list while searching, and report them all once the
 * search is over, "the reports are only for the log".
 * BROKEN: the answer is right, but the caller hears nothing while the search runs: progress
 * reported at the end is not progress. Report each result the moment it arrives, inside the loop.
 */
public final class FirstMatch {
    private FirstMatch() {
    }

    public static <T> Optional<T> firstMatch(Pool pool, PicklableFunction<T, Boolean> isMatch, List<T> candidates,
                                             Consumer<Checked<T>> report) {
        Iterator<Map.Entry<T, Boolean>> results =
                pool.imapUnordered(c -> new SimpleImmutableEntry<>(c, isMatch.apply(c)), candidates, 1);
        var seen = new ArrayList<Checked<T>>();
        Optional<T> found = Optional.empty();
        while (results.hasNext()) {
            Map.Entry<T, Boolean> result = results.next();
            var checked = new Checked<>(result.getKey(), result.getValue());
            seen.add(checked);
            if (checked.matches()) {
                pool.terminate();
                found = Optional.of(checked.candidate());
                break;
            }
        }
        seen.forEach(report);
        return found;
    }
}
