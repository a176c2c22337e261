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
 * Classic mistake: return at the first match, and leave the pool alone, "the caller owns it".
 * BROKEN: the tasks still queued or running go on, keeping every worker busy with answers
 * nobody will read. Python's {@code with Pool() as pool:} block terminates the pool when it
 * ends; here the search must do it, as soon as it has its answer.
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
                return Optional.of(checked.candidate());
            }
        }
        return Optional.empty();
    }
}
