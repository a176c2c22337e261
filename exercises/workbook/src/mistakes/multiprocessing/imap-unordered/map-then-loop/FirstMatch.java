package dev.rosetta.exercises.multiprocessing;

import dev.rosetta.multiprocessing.PicklableFunction;
import dev.rosetta.multiprocessing.Pool;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Classic mistake: {@code map} first, then loop over the list.
 * BROKEN: map returns only when every candidate has been checked, so nothing is reported while
 * the work goes on, the search cannot stop early, and the slowest candidate sets the time of
 * the answer. The terminate() at the match comes when there is nothing left to stop.
 */
public final class FirstMatch {
    private FirstMatch() {
    }

    public static <T> Optional<T> firstMatch(Pool pool, PicklableFunction<T, Boolean> isMatch, List<T> candidates,
                                             Consumer<Checked<T>> report) {
        List<Map.Entry<T, Boolean>> all = pool.map(c -> new SimpleImmutableEntry<>(c, isMatch.apply(c)), candidates, 1);
        for (Map.Entry<T, Boolean> result : all) {
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
