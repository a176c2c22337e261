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
 * Classic mistake: {@code imap}, "it is lazy too, so results come as they are ready".
 * BROKEN: imap is lazy but ordered: it yields result i only after results 0..i-1. A slow first
 * candidate holds back every result behind it, finished or not, and a match found early is
 * reported only when the slow one is done.
 */
public final class FirstMatch {
    private FirstMatch() {
    }

    public static <T> Optional<T> firstMatch(Pool pool, PicklableFunction<T, Boolean> isMatch, List<T> candidates,
                                             Consumer<Checked<T>> report) {
        Iterator<Map.Entry<T, Boolean>> results =
                pool.imap(c -> new SimpleImmutableEntry<>(c, isMatch.apply(c)), candidates, 1);
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
