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
 * Classic mistake: check for the match first and return, reporting only the results that did
 * not match.
 * BROKEN: the match is a result too: the caller's progress shows every candidate checked except
 * the one that was found. Report each result as it arrives, the match included, then stop.
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
            if (checked.matches()) {
                pool.terminate();
                return Optional.of(checked.candidate());
            }
            report.accept(checked);
        }
        return Optional.empty();
    }
}
